import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CreateFacilityDto, FacilityDto, FacilityPageDto, FacilityQuery, UpdateFacilityDto } from './dto/facility.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

/** What registering and changing a facility can refuse beyond malformed fields. */
const FACILITY_RULES = { 409: 'FACILITY_CODE_TAKEN', 422: 'SERVICE_UNKNOWN' };

@SignedInApi('network')
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @ApiRoute({ summary: 'Facilities of the network, by type and district (any signed-in role)', ok: FacilityPageDto })
  list(@CurrentUser() actor: Actor, @Query() query: FacilityQuery): Promise<FacilityPageDto> {
    return this.facilities.list(actor, query);
  }

  @Get(':id')
  @ApiRoute({ summary: 'One facility (any signed-in role)', ok: FacilityDto })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string): Promise<FacilityDto> {
    return this.facilities.get(actor, id);
  }

  @Post()
  @ApiRoute({ roles: ['admin'], summary: 'Register a facility (admin)', created: FacilityDto, errors: FACILITY_RULES })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateFacilityDto): Promise<FacilityDto> {
    return this.facilities.create(actor, dto);
  }

  @Patch(':id')
  @ApiRoute({
    roles: ['admin'],
    summary: 'Change a facility (admin); services and openingHours are replaced whole',
    ok: FacilityDto,
    errors: FACILITY_RULES,
  })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string, @Body() dto: UpdateFacilityDto): Promise<FacilityDto> {
    return this.facilities.update(actor, id, dto);
  }
}
