import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CaregiversService } from './caregivers.service.js';
import { CaregiverDto, CaregiverPageDto, CaregiverQuery, CreateCaregiverDto, UpdateCaregiverDto } from './dto/caregiver.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('people')
@Controller('caregivers')
export class CaregiversController {
  constructor(private readonly caregivers: CaregiversService) {}

  @Post()
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Register a caregiver (centre staff for their own facility, admin)',
    created: CaregiverDto,
    errors: { 404: 'facilityId is not the centre staff member’s facility', 422: 'FACILITY_UNKNOWN' },
  })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateCaregiverDto): Promise<CaregiverDto> {
    return this.caregivers.create(actor, dto);
  }

  @Get()
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'Caregivers (centre staff: their own facility only)',
    ok: CaregiverPageDto,
  })
  list(@CurrentUser() actor: Actor, @Query() query: CaregiverQuery): Promise<CaregiverPageDto> {
    return this.caregivers.list(actor, query);
  }

  @Get(':id')
  @ApiRoute({
    roles: ['caregiver', 'centre_staff', 'bureau_staff', 'admin'],
    summary: 'One caregiver: themself, own-facility centre staff, bureau staff, admin',
    ok: CaregiverDto,
  })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Caregiver') id: string): Promise<CaregiverDto> {
    return this.caregivers.get(actor, id);
  }

  @Patch(':id')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Change a caregiver (centre staff of their facility, admin)',
    ok: CaregiverDto,
    errors: { 422: 'FACILITY_UNKNOWN' },
  })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Caregiver') id: string, @Body() dto: UpdateCaregiverDto): Promise<CaregiverDto> {
    return this.caregivers.update(actor, id, dto);
  }
}
