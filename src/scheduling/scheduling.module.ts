import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { RostersModule } from '../rosters/rosters.module.js';
import { AssignmentOverrideService } from './assignment-override.service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { SchedulingQueryService } from './scheduling-query.service.js';
import { SchedulingController } from './scheduling.controller.js';
import { SchedulingJob } from './scheduling.job.js';
import { SchedulingRepository } from './scheduling.repository.js';
import { SchedulingService } from './scheduling.service.js';

@Module({
  imports: [RostersModule, OrdersModule],
  controllers: [SchedulingController],
  providers: [
    SchedulingRepository,
    AssignmentsRepository,
    SchedulingService,
    AssignmentOverrideService,
    SchedulingQueryService,
    SchedulingJob,
  ],
  exports: [SchedulingService],
})
export class SchedulingModule {}
