import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CapacityQueryService } from './capacity-query.service.js';
import { AvailabilityQuery, AvailabilitySlotDto, OverCommittedSlotDto, SeatsDto, SetSeatsDto } from './dto/capacity.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('capacity')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such facility, or not one the caller may see' })
@Controller('facilities')
export class CapacityController {
  constructor(private readonly capacity: CapacityQueryService) {}

  @Put(':id/capacity')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Set the seats of a facility-based service (canteen seats per sitting, places per slot)' })
  @ApiOkResponse({ type: SeatsDto })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'The role may not use this route' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SERVICE_NOT_OFFERED, SERVICE_NOT_FACILITY_BASED or SITTING_INVALID' })
  setSeats(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: SetSeatsDto): Promise<SeatsDto> {
    return this.capacity.setSeats(actor, facilityId, dto);
  }

  @Get(':id/availability')
  @ApiOperation({ summary: 'Bookable slots of a service on a date: start, end, capacity and what remains' })
  @ApiOkResponse({ type: [AvailabilitySlotDto] })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SERVICE_NOT_OFFERED, or OUTSIDE_HORIZON for a date outside today … the booking horizon' })
  availability(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Query() query: AvailabilityQuery): Promise<AvailabilitySlotDto[]> {
    return this.capacity.availability(actor, facilityId, query.service, query.date);
  }

  @Get(':id/over-committed')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'Future slots booked past their capacity after a roster change (leave, removed shifts, fewer seats)' })
  @ApiOkResponse({ type: [OverCommittedSlotDto] })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'The role may not use this route' })
  overCommitted(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<OverCommittedSlotDto[]> {
    return this.capacity.overCommitted(actor, facilityId);
  }
}
