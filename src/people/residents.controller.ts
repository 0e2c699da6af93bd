import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CreateResidentDto, ResidentDto, ResidentPageDto, ResidentQuery, UpdateResidentDto } from './dto/resident.dto.js';
import { SetSubsidyCategoryDto } from './dto/subsidy-category.dto.js';
import { ResidentsService } from './residents.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

/** What the ID number decides: one resident per number, and the birth date and gender it encodes. */
const IDENTITY_RULES = { 409: 'DUPLICATE_ID_NUMBER', 422: 'BIRTH_DATE_MISMATCH, GENDER_MISMATCH, FACILITY_UNKNOWN' };

@SignedInApi('people')
@Controller('residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Post()
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Register a resident (centre staff for their own facility, admin)',
    errors: {
      400: 'Invalid fields, with details (ID number format, check character, birth date)',
      404: 'homeFacilityId is not the centre staff member’s facility',
      ...IDENTITY_RULES,
    },
  })
  @ApiCreatedResponse({ type: ResidentDto, description: 'The resident, ID number masked' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateResidentDto): Promise<ResidentDto> {
    return this.residents.create(actor, dto);
  }

  @Get()
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'Find residents (centre staff: their own facility only)',
    ok: ResidentPageDto,
  })
  list(@CurrentUser() actor: Actor, @Query() query: ResidentQuery): Promise<ResidentPageDto> {
    return this.residents.list(actor, query);
  }

  @Get(':id')
  @ApiRoute({
    summary: 'One resident: the senior themself, linked family, own-facility centre staff, bureau staff, admin',
    ok: ResidentDto,
    errors: { 404: 'No such resident, or not one the caller may see' },
  })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') id: string): Promise<ResidentDto> {
    return this.residents.get(actor, id);
  }

  @Patch(':id')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Change a resident (centre staff of their facility, admin)',
    ok: ResidentDto,
    errors: IDENTITY_RULES,
  })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') id: string, @Body() dto: UpdateResidentDto): Promise<ResidentDto> {
    return this.residents.update(actor, id, dto);
  }

  @Put(':id/subsidy-category')
  @ApiRoute({
    roles: ['bureau_staff', 'admin'],
    summary: 'Set the subsidy category, which decides who pays (bureau staff, admin), with the reason in the audit trail',
    ok: ResidentDto,
  })
  setSubsidyCategory(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Resident') id: string,
    @Body() dto: SetSubsidyCategoryDto,
  ): Promise<ResidentDto> {
    return this.residents.setSubsidyCategory(actor, id, dto.subsidyCategory, dto.reason);
  }
}
