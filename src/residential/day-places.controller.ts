import { Body, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { DayPlacesService } from './day-places.service.js';
import { AttendanceDayDto, AttendanceQuery, CreateEnrolmentDto, DayPlacesDto, EnrolmentDto, RecordAttendanceDto, SetDayPlacesDto } from './dto/day-places.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';
import { ResidentialController } from './residential-controller.js';

@ResidentialController('No such facility, enrolment or resident, or not one the caller may see')
export class DayPlacesController {
  constructor(private readonly dayPlaces: DayPlacesService) {}

  @Put('facilities/:id/day-places')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Set the site’s day places (the same on each weekday)' })
  @ApiOkResponse({ type: DayPlacesDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'DAY_PLACES_FULL: fewer places than seniors enrolled' })
  setPlaces(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: SetDayPlacesDto): Promise<DayPlacesDto> {
    return this.dayPlaces.setPlaces(actor, facilityId, dto);
  }

  @Post('facilities/:id/enrolments')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Enrol a senior on weekdays; never more enrolled on a weekday than places' })
  @ApiCreatedResponse({ type: EnrolmentDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'DAY_PLACES_FULL or ALREADY_ENROLLED' })
  enrol(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: CreateEnrolmentDto): Promise<EnrolmentDto> {
    return this.dayPlaces.enrol(actor, facilityId, dto);
  }

  @Delete('enrolments/:id')
  @HttpCode(204)
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'End an enrolment: its places free at once' })
  @ApiNoContentResponse({ description: 'Ended' })
  endEnrolment(@CurrentUser() actor: Actor, @UuidParam('id', 'Enrolment') id: string): Promise<void> {
    return this.dayPlaces.endEnrolment(actor, id);
  }

  @Post('facilities/:id/attendance')
  @HttpCode(200)
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Record arrival or leaving, by name or by the service-card code at the door (a second tap is leaving)' })
  @ApiOkResponse({ type: AttendanceDayDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'NOT_ENROLLED, VISIT_CODE_WRONG or ATTENDANCE_INVALID' })
  record(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: RecordAttendanceDto): Promise<AttendanceDayDto> {
    return this.dayPlaces.record(actor, facilityId, dto);
  }

  @Get('facilities/:id/attendance')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'A day’s attendance: who came, who is enrolled and absent' })
  @ApiOkResponse({ type: AttendanceDayDto })
  day(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Query() query: AttendanceQuery): Promise<AttendanceDayDto> {
    return this.dayPlaces.day(actor, facilityId, query);
  }
}
