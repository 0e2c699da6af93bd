import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { AdmissionsService } from './admissions.service.js';
import { AdmissionDto, AdmissionPageDto, AdmissionQuery, CreateAdmissionDto, DischargeDto, TransferDto, WaitingEntryDto } from './dto/admissions.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';
import { ResidentialController } from './residential-controller.js';

@ResidentialController('No such admission, facility, bed or resident, or not one the caller may see')
export class AdmissionsController {
  constructor(private readonly admissions: AdmissionsService) {}

  @Post('admissions')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Admit a resident to a bed; with no suitable free bed, put them on the facility’s waiting list' })
  @ApiCreatedResponse({ type: AdmissionDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'BED_NOT_FREE or ADMISSION_OPEN' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'BED_UNSUITABLE or ADMISSION_DATE_INVALID' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateAdmissionDto): Promise<AdmissionDto> {
    return this.admissions.create(actor, dto);
  }

  @Get('admissions')
  @Roles('senior', 'family', 'centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'Admissions: centre staff see their facility’s, seniors and families one senior’s (residentId)' })
  @ApiOkResponse({ type: AdmissionPageDto })
  list(@CurrentUser() actor: Actor, @Query() query: AdmissionQuery): Promise<AdmissionPageDto> {
    return this.admissions.list(actor, query);
  }

  @Post('admissions/:id/transfer')
  @HttpCode(200)
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Move an admitted resident to another free bed of the facility; the old bed goes to the waiting list' })
  @ApiOkResponse({ type: AdmissionDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'BED_NOT_FREE or INVALID_TRANSITION' })
  transfer(@CurrentUser() actor: Actor, @UuidParam('id', 'Admission') id: string, @Body() dto: TransferDto): Promise<AdmissionDto> {
    return this.admissions.transfer(actor, id, dto);
  }

  @Post('admissions/:id/discharge')
  @HttpCode(200)
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Discharge (退住): frees the bed and admits the first suitable resident waiting' })
  @ApiOkResponse({ type: AdmissionDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'INVALID_TRANSITION: not admitted' })
  discharge(@CurrentUser() actor: Actor, @UuidParam('id', 'Admission') id: string, @Body() dto: DischargeDto): Promise<AdmissionDto> {
    return this.admissions.discharge(actor, id, dto);
  }

  @Get('facilities/:id/waiting-list')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The facility’s waiting list in priority order: extreme hardship, then care level, then waiting since' })
  @ApiOkResponse({ type: [WaitingEntryDto] })
  waitingList(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<WaitingEntryDto[]> {
    return this.admissions.waitingList(actor, facilityId);
  }
}
