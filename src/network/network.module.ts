import { Module } from '@nestjs/common';
import { FacilitiesController } from './facilities.controller.js';
import { FacilitiesService } from './facilities.service.js';
import { ServicesController } from './services.controller.js';
import { ServicesService } from './services.service.js';

/** The network registry: facilities and the service catalogue. */
@Module({
  controllers: [FacilitiesController, ServicesController],
  providers: [FacilitiesService, ServicesService],
  exports: [FacilitiesService, ServicesService],
})
export class NetworkModule {}
