import { Module } from '@nestjs/common';
import { CoverageService } from './coverage.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsJob } from './reports.job.js';
import { RollupsService } from './rollups.service.js';
import { SubsidiesService } from './subsidies.service.js';
import { UtilisationService } from './utilisation.service.js';

/** The bureau's reports, read from rollups that triggers mark and a job (and each read) refreshes. */
@Module({
  controllers: [ReportsController],
  providers: [RollupsService, ReportsJob, UtilisationService, CoverageService, SubsidiesService],
  exports: [RollupsService],
})
export class ReportsModule {}
