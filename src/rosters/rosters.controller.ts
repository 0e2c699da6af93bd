import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CreateShiftDto, ReplaceTemplateDto, RosterDto, RosterQuery, RosterTemplateDto, ShiftDto } from './dto/roster.dto.js';
import { RosterTemplateService } from './roster-template.service.js';
import { ShiftsService } from './shifts.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('rosters', { 404: 'No such facility or shift, or not one the caller may see' })
@Controller()
export class RostersController {
  constructor(
    private readonly shifts: ShiftsService,
    private readonly templates: RosterTemplateService,
  ) {}

  @Post('facilities/:id/shifts')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Add a shift for one of the facility’s caregivers (wins over the template for that day)',
    created: ShiftDto,
    errors: {
      409: 'SHIFT_OVERLAP: the caregiver already has a shift then',
      422: 'SHIFT_INVALID, WEEKLY_LIMIT or CAREGIVER_NOT_AT_FACILITY',
    },
  })
  createShift(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Body() dto: CreateShiftDto,
  ): Promise<ShiftDto> {
    return this.shifts.create(actor, facilityId, dto);
  }

  @Delete('shifts/:id')
  @HttpCode(204)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Remove a shift that has not started (the template does not refill that day)',
    noContent: 'Removed',
    errors: { 422: 'SHIFT_INVALID: the shift has already started' },
  })
  removeShift(@CurrentUser() actor: Actor, @UuidParam('id', 'Shift') shiftId: string): Promise<void> {
    return this.shifts.remove(actor, shiftId);
  }

  @Get('facilities/:id/roster')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'The facility’s shifts and its caregivers’ leave between two dates (Asia/Shanghai, both included)',
    ok: RosterDto,
  })
  roster(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Query() query: RosterQuery): Promise<RosterDto> {
    return this.shifts.roster(actor, facilityId, query.from, query.to);
  }

  @Get('facilities/:id/roster-template')
  @ApiRoute({ roles: ['centre_staff', 'bureau_staff', 'admin'], summary: 'The facility’s weekly roster template', ok: RosterTemplateDto })
  template(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<RosterTemplateDto> {
    return this.templates.get(actor, facilityId);
  }

  @Put('facilities/:id/roster-template')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Replace the facility’s weekly roster template; the capacity job applies it to the booking horizon',
    ok: RosterTemplateDto,
    errors: { 422: 'TEMPLATE_INVALID, WEEKLY_LIMIT or CAREGIVER_NOT_AT_FACILITY' },
  })
  replaceTemplate(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Body() dto: ReplaceTemplateDto,
  ): Promise<RosterTemplateDto> {
    return this.templates.replace(actor, facilityId, dto);
  }
}
