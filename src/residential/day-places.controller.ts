import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { DayPlacesService } from './day-places.service.js';
import {
  AttendanceDayDto,
  AttendanceQuery,
  CreateEnrolmentDto,
  DayPlacesDto,
  EnrolmentDto,
  RecordAttendanceDto,
  SetDayPlacesDto,
} from './dto/day-places.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('residential', { 404: 'No such facility, enrolment or resident, or not one the caller may see' })
@Controller()
export class DayPlacesController {
  constructor(private readonly dayPlaces: DayPlacesService) {}

  @Put('facilities/:id/day-places')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Set the site’s day places (the same on each weekday)',
    ok: DayPlacesDto,
    errors: { 409: 'DAY_PLACES_FULL: fewer places than seniors enrolled' },
  })
  setPlaces(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Body() dto: SetDayPlacesDto,
  ): Promise<DayPlacesDto> {
    return this.dayPlaces.setPlaces(actor, facilityId, dto);
  }

  @Post('facilities/:id/enrolments')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Enrol a senior on weekdays; never more enrolled on a weekday than places',
    created: EnrolmentDto,
    errors: { 409: 'DAY_PLACES_FULL or ALREADY_ENROLLED' },
  })
  enrol(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Body() dto: CreateEnrolmentDto,
  ): Promise<EnrolmentDto> {
    return this.dayPlaces.enrol(actor, facilityId, dto);
  }

  @Delete('enrolments/:id')
  @HttpCode(204)
  @ApiRoute({ roles: ['centre_staff', 'admin'], summary: 'End an enrolment: its places free at once', noContent: 'Ended' })
  endEnrolment(@CurrentUser() actor: Actor, @UuidParam('id', 'Enrolment') id: string): Promise<void> {
    return this.dayPlaces.endEnrolment(actor, id);
  }

  @Post('facilities/:id/attendance')
  @HttpCode(200)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Record arrival or leaving, by name or by the service-card code at the door (a second tap is leaving)',
    ok: AttendanceDayDto,
    errors: { 422: 'NOT_ENROLLED, VISIT_CODE_WRONG or ATTENDANCE_INVALID' },
  })
  record(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<AttendanceDayDto> {
    return this.dayPlaces.record(actor, facilityId, dto);
  }

  @Get('facilities/:id/attendance')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'A day’s attendance: who came, who is enrolled and absent',
    ok: AttendanceDayDto,
  })
  day(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Query() query: AttendanceQuery,
  ): Promise<AttendanceDayDto> {
    return this.dayPlaces.day(actor, facilityId, query);
  }
}
