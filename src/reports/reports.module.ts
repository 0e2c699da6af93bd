import { Module } from '@nestjs/common';
import { CoverageService } from './coverage.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsJob } from './reports.job.js';
import { ReportsRepository } from './reports.repository.js';
import { RollupsRepository } from './rollups.repository.js';
import { RollupsService } from './rollups.service.js';
import { SubsidiesService } from './subsidies.service.js';
import { UtilisationService } from './utilisation.service.js';
import { ResidentialModule } from '../residential/residential.module.js';

/** The bureau's reports, read from rollups that triggers mark and a job (and each read) refreshes. */
@Module({
  imports: [ResidentialModule],
  controllers: [ReportsController],
  providers: [RollupsRepository, ReportsRepository, RollupsService, ReportsJob, UtilisationService, CoverageService, SubsidiesService],
  exports: [RollupsService],
})
export class ReportsModule {}
