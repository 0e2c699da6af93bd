import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CreateShiftDto, ReplaceTemplateDto, RosterDto, RosterQuery, RosterTemplateDto, ShiftDto } from './dto/roster.dto.js';
import { RosterTemplateService } from './roster-template.service.js';
import { ShiftsService } from './shifts.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('rosters')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorResponse, description: 'The role may not use this route' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such facility or shift, or not one the caller may see' })
@Controller()
export class RostersController {
  constructor(
    private readonly shifts: ShiftsService,
    private readonly templates: RosterTemplateService,
  ) {}

  @Post('facilities/:id/shifts')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Add a shift for one of the facility’s caregivers (wins over the template for that day)' })
  @ApiCreatedResponse({ type: ShiftDto })
  @ApiConflictResponse({ type: ErrorResponse, description: 'SHIFT_OVERLAP: the caregiver already has a shift then' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SHIFT_INVALID, WEEKLY_LIMIT or CAREGIVER_NOT_AT_FACILITY' })
  createShift(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: CreateShiftDto): Promise<ShiftDto> {
    return this.shifts.create(actor, facilityId, dto);
  }

  @Delete('shifts/:id')
  @Roles('centre_staff', 'admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a shift that has not started (the template does not refill that day)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SHIFT_INVALID: the shift has already started' })
  removeShift(@CurrentUser() actor: Actor, @UuidParam('id', 'Shift') shiftId: string): Promise<void> {
    return this.shifts.remove(actor, shiftId);
  }

  @Get('facilities/:id/roster')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The facility’s shifts and its caregivers’ leave between two dates (Asia/Shanghai, both included)' })
  @ApiOkResponse({ type: RosterDto })
  roster(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Query() query: RosterQuery): Promise<RosterDto> {
    return this.shifts.roster(actor, facilityId, query.from, query.to);
  }

  @Get('facilities/:id/roster-template')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The facility’s weekly roster template' })
  @ApiOkResponse({ type: RosterTemplateDto })
  template(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<RosterTemplateDto> {
    return this.templates.get(actor, facilityId);
  }

  @Put('facilities/:id/roster-template')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Replace the facility’s weekly roster template; the capacity job applies it to the booking horizon' })
  @ApiOkResponse({ type: RosterTemplateDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'TEMPLATE_INVALID, WEEKLY_LIMIT or CAREGIVER_NOT_AT_FACILITY' })
  replaceTemplate(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: ReplaceTemplateDto): Promise<RosterTemplateDto> {
    return this.templates.replace(actor, facilityId, dto);
  }
}
