import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { AdmissionsService } from './admissions.service.js';
import {
  AdmissionDto,
  AdmissionPageDto,
  AdmissionQuery,
  CreateAdmissionDto,
  DischargeDto,
  TransferDto,
  WaitingEntryDto,
} from './dto/admissions.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('residential', { 404: 'No such admission, facility, bed or resident, or not one the caller may see' })
@Controller()
export class AdmissionsController {
  constructor(private readonly admissions: AdmissionsService) {}

  @Post('admissions')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Admit a resident to a bed; with no suitable free bed, put them on the facility’s waiting list',
    created: AdmissionDto,
    errors: { 409: 'BED_NOT_FREE or ADMISSION_OPEN', 422: 'BED_UNSUITABLE or ADMISSION_DATE_INVALID' },
  })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateAdmissionDto): Promise<AdmissionDto> {
    return this.admissions.create(actor, dto);
  }

  @Get('admissions')
  @ApiRoute({
    roles: ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
    summary: 'Admissions: centre staff see their facility’s, seniors and families one senior’s (residentId)',
    ok: AdmissionPageDto,
  })
  list(@CurrentUser() actor: Actor, @Query() query: AdmissionQuery): Promise<AdmissionPageDto> {
    return this.admissions.list(actor, query);
  }

  @Post('admissions/:id/transfer')
  @HttpCode(200)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Move an admitted resident to another free bed of the facility; the old bed goes to the waiting list',
    ok: AdmissionDto,
    errors: { 409: 'BED_NOT_FREE or INVALID_TRANSITION' },
  })
  transfer(@CurrentUser() actor: Actor, @UuidParam('id', 'Admission') id: string, @Body() dto: TransferDto): Promise<AdmissionDto> {
    return this.admissions.transfer(actor, id, dto);
  }

  @Post('admissions/:id/discharge')
  @HttpCode(200)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Discharge (退住): frees the bed and admits the first suitable resident waiting',
    ok: AdmissionDto,
    errors: { 409: 'INVALID_TRANSITION: not admitted' },
  })
  discharge(@CurrentUser() actor: Actor, @UuidParam('id', 'Admission') id: string, @Body() dto: DischargeDto): Promise<AdmissionDto> {
    return this.admissions.discharge(actor, id, dto);
  }

  @Get('facilities/:id/waiting-list')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'The facility’s waiting list in priority order: extreme hardship, then care level, then waiting since',
    ok: [WaitingEntryDto],
  })
  waitingList(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<WaitingEntryDto[]> {
    return this.admissions.waitingList(actor, facilityId);
  }
}
