import { Module } from '@nestjs/common';
import { NetworkModule } from '../network/network.module.js';
import { CaregiversController } from './caregivers.controller.js';
import { CaregiversService } from './caregivers.service.js';
import { FamilyLinksController } from './family-links.controller.js';
import { FamilyLinksService } from './family-links.service.js';
import { ResidentsController } from './residents.controller.js';
import { ResidentsService } from './residents.service.js';

/** Residents, caregivers and the family accounts linked to residents. */
@Module({
  imports: [NetworkModule],
  controllers: [ResidentsController, CaregiversController, FamilyLinksController],
  providers: [ResidentsService, CaregiversService, FamilyLinksService],
  exports: [ResidentsService, CaregiversService],
})
export class PeopleModule {}
