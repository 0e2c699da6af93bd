import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { AssignmentOverrideService } from './assignment-override.service.js';
import { RunRecordDto, UnassignedOrderDto } from './dto/scheduling-query.dto.js';
import { SchedulingQueryService } from './scheduling-query.service.js';
import { SchedulingService } from './scheduling.service.js';
import { IsIsoDate } from '../common/http/validators.js';
import { UuidParam } from '../common/http/uuid-param.js';

class RunRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Centre staff: always their own facility' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;
  @ApiProperty({ example: '2026-12-01' }) @IsIsoDate() date: string;
}

class UnassignedDto {
  @ApiProperty() orderId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'The reason in Chinese' }) reasonZh: string;
}

class RunSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() date: string;
  @ApiProperty({ description: 'Facilities planned in this run' }) facilities: number;
  @ApiProperty() assigned: number;
  @ApiProperty({ type: [UnassignedDto] }) unassigned: UnassignedDto[];
  @ApiProperty() travelMinutes: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of visits with a usual caregiver that got them' }) continuityRate:
    number | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ type: [String], description: 'Facilities whose run failed; their previous assignments are unchanged' })
  failedFacilities: string[];
}

class OverrideDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'caregiverId must be a UUID' }) caregiverId: string;
}

class AssignmentResultDto {
  @ApiProperty() orderId: string;
  @ApiProperty() caregiverId: string;
  @ApiProperty() caregiverName: string;
  @ApiProperty() plannedStart: string;
  @ApiProperty() plannedEnd: string;
  @ApiProperty() explanation: string;
  @ApiProperty({ description: 'The explanation in Chinese' }) explanationZh: string;
}

class RunsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') facilityId?: string;
}

@SignedInApi('scheduling')
@Controller()
export class SchedulingController {
  constructor(
    private readonly scheduling: SchedulingService,
    private readonly overrides: AssignmentOverrideService,
    private readonly query: SchedulingQueryService,
  ) {}

  @Post('scheduling/runs')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Run the assignment engine for a day (centre staff: their facility; admin: one or all)',
    created: RunSummaryDto,
  })
  run(@CurrentUser() actor: Actor, @Body() dto: RunRequestDto): Promise<RunSummaryDto> {
    return this.scheduling.runOnDemand(actor, dto.date, dto.facilityId);
  }

  @Get('scheduling/runs')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'Recent scheduling runs: who, when, inputs, result, duration (newest first)',
    ok: [RunRecordDto],
  })
  runs(@CurrentUser() actor: Actor, @Query() q: RunsQuery): Promise<RunRecordDto[]> {
    return this.query.runs(actor, q.facilityId);
  }

  @Put('orders/:id/assignment')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Assign a caregiver by hand; checked against the hard rules',
    ok: AssignmentResultDto,
    errors: { 409: 'ASSIGNMENT_BREAKS_RULE names the rule broken' },
  })
  override(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: OverrideDto): Promise<AssignmentResultDto> {
    return this.overrides.assign(actor, id, dto.caregiverId);
  }

  @Get('facilities/:id/unassigned')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'Orders no caregiver could take at the last run, with the reason',
    ok: [UnassignedOrderDto],
  })
  unassigned(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string): Promise<UnassignedOrderDto[]> {
    return this.query.unassigned(actor, id);
  }
}
