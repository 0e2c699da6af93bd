import { Module } from '@nestjs/common';
import { CapacityQueryService } from './capacity-query.service.js';
import { CapacityRunsRepository } from './capacity-runs.repository.js';
import { CapacityController } from './capacity.controller.js';
import { CapacityJob } from './capacity.job.js';
import { CapacityService } from './capacity.service.js';
import { FacilityAccess } from './facility-access.js';
import { LeaveHooks } from './leave-hooks.js';
import { LeaveController } from './leave.controller.js';
import { LeaveService } from './leave.service.js';
import { RosterTemplateService } from './roster-template.service.js';
import { RostersController } from './rosters.controller.js';
import { ShiftsRepository } from './shifts.repository.js';
import { ShiftsService } from './shifts.service.js';
import { SlotsRepository } from './slots.repository.js';

/** Shifts, weekly templates, leave, seats, and the capacity job that turns them into slots. */
@Module({
  controllers: [RostersController, LeaveController, CapacityController],
  providers: [
    ShiftsRepository,
    SlotsRepository,
    CapacityRunsRepository,
    FacilityAccess,
    CapacityService,
    CapacityJob,
    CapacityQueryService,
    ShiftsService,
    RosterTemplateService,
    LeaveService,
    LeaveHooks,
  ],
  exports: [CapacityService, CapacityJob, LeaveHooks],
})
export class RostersModule {}
