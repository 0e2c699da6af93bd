import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CapacityQueryService } from './capacity-query.service.js';
import { AvailabilityQuery, AvailabilitySlotDto, OverCommittedSlotDto, SeatsDto, SetSeatsDto } from './dto/capacity.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('capacity', { 404: 'No such facility, or not one the caller may see' })
@Controller('facilities')
export class CapacityController {
  constructor(private readonly capacity: CapacityQueryService) {}

  @Put(':id/capacity')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Set the seats of a facility-based service (canteen seats per sitting, places per slot)',
    ok: SeatsDto,
    errors: { 422: 'SERVICE_NOT_OFFERED, SERVICE_NOT_FACILITY_BASED or SITTING_INVALID' },
  })
  setSeats(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: SetSeatsDto): Promise<SeatsDto> {
    return this.capacity.setSeats(actor, facilityId, dto);
  }

  @Get(':id/availability')
  @ApiRoute({
    summary: 'Bookable slots of a service on a date: start, end, capacity and what remains',
    ok: [AvailabilitySlotDto],
    errors: { 422: 'SERVICE_NOT_OFFERED, or OUTSIDE_HORIZON for a date outside today … the booking horizon' },
  })
  availability(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') facilityId: string,
    @Query() query: AvailabilityQuery,
  ): Promise<AvailabilitySlotDto[]> {
    return this.capacity.availability(actor, facilityId, query.service, query.date);
  }

  @Get(':id/over-committed')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'Future slots booked past their capacity after a roster change (leave, removed shifts, fewer seats)',
    ok: [OverCommittedSlotDto],
  })
  overCommitted(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<OverCommittedSlotDto[]> {
    return this.capacity.overCommitted(actor, facilityId);
  }
}
