import { Module } from '@nestjs/common';
import { registerConstraint } from '../common/errors/pg-errors.js';
import { AdmissionsController } from './admissions.controller.js';
import { AdmissionsRepository } from './admissions.repository.js';
import { AdmissionsService } from './admissions.service.js';
import { BedsController } from './beds.controller.js';
import { BedsRepository } from './beds.repository.js';
import { BedsService } from './beds.service.js';
import { ChargesService } from './charges.service.js';
import { StatementsController } from './statements.controller.js';
import { VisitsModule } from '../visits/visits.module.js';
import { DayPlacesController } from './day-places.controller.js';
import { DayPlacesRepository } from './day-places.repository.js';
import { DayPlacesService } from './day-places.service.js';
import { NoShowJob } from './no-show.job.js';
import { ResidentialReportsController } from './residential-reports.controller.js';
import { ResidentialReportsRepository } from './residential-reports.repository.js';
import { ResidentialReportsService } from './residential-reports.service.js';

registerConstraint('beds_code_unique', 'BED_CODE_TAKEN', 'The facility already has a bed with this code: choose another code');
registerConstraint('bed_occupancies_one_resident', 'BED_NOT_FREE', 'Someone else holds this bed then: choose another bed or another date');
registerConstraint(
  'admissions_one_open',
  'ADMISSION_OPEN',
  'The resident is already admitted or waiting somewhere: discharge them or end that application first',
);
registerConstraint(
  'day_places_within_places',
  'DAY_PLACES_FULL',
  'The day places of that weekday are all taken: choose other weekdays, or raise the places first',
);
registerConstraint('enrolments_one_active', 'ALREADY_ENROLLED', 'The resident is already enrolled here: end that enrolment first');

/** Residential care: beds, admissions and waiting lists, charges, day places and attendance. */
@Module({
  imports: [VisitsModule],
  controllers: [BedsController, AdmissionsController, StatementsController, DayPlacesController, ResidentialReportsController],
  providers: [
    BedsRepository,
    AdmissionsRepository,
    BedsService,
    AdmissionsService,
    ChargesService,
    DayPlacesRepository,
    DayPlacesService,
    NoShowJob,
    ResidentialReportsRepository,
    ResidentialReportsService,
  ],
  exports: [ChargesService, ResidentialReportsService],
})
export class ResidentialModule {}
