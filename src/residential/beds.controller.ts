import { Body, Get, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { BedsService } from './beds.service.js';
import { BedDto, CreateBedDto, UpdateBedDto } from './dto/beds.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';
import { ResidentialController } from './residential-controller.js';

@ResidentialController('No such facility or bed, or not one the caller may see')
export class BedsController {
  constructor(private readonly beds: BedsService) {}

  @Get('facilities/:id/beds')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The bed board: every bed of the facility, its status and who is in it now' })
  @ApiOkResponse({ type: [BedDto] })
  list(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<BedDto[]> {
    return this.beds.list(actor, facilityId);
  }

  @Post('facilities/:id/beds')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Add a bed to the facility' })
  @ApiCreatedResponse({ type: BedDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'BED_CODE_TAKEN' })
  create(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: CreateBedDto): Promise<BedDto> {
    return this.beds.create(actor, facilityId, dto);
  }

  @Patch('beds/:id')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Set a bed free, reserved or out of service; set free, it goes to the first suitable resident waiting' })
  @ApiOkResponse({ type: BedDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'BED_OCCUPIED: someone is in the bed or due in it' })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Bed') bedId: string, @Body() dto: UpdateBedDto): Promise<BedDto> {
    return this.beds.update(actor, bedId, dto);
  }
}
