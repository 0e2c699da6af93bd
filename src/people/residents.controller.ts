import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CreateResidentDto, ResidentDto, ResidentPageDto, ResidentQuery, UpdateResidentDto } from './dto/resident.dto.js';
import { SetSubsidyCategoryDto } from './dto/subsidy-category.dto.js';
import { ResidentsService } from './residents.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('people')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@Controller('residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Post()
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Register a resident (centre staff for their own facility, admin)' })
  @ApiCreatedResponse({ type: ResidentDto, description: 'The resident, ID number masked' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details (ID number format, check character, birth date)' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'homeFacilityId is not the centre staff member’s facility' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'DUPLICATE_ID_NUMBER' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'BIRTH_DATE_MISMATCH, GENDER_MISMATCH, FACILITY_UNKNOWN' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateResidentDto): Promise<ResidentDto> {
    return this.residents.create(actor, dto);
  }

  @Get()
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'Find residents (centre staff: their own facility only)' })
  @ApiOkResponse({ type: ResidentPageDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiForbiddenResponse({ type: ErrorResponse })
  list(@CurrentUser() actor: Actor, @Query() query: ResidentQuery): Promise<ResidentPageDto> {
    return this.residents.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One resident: the senior themself, linked family, own-facility centre staff, bureau staff, admin' })
  @ApiOkResponse({ type: ResidentDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such resident, or not one the caller may see' })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') id: string): Promise<ResidentDto> {
    return this.residents.get(actor, id);
  }

  @Patch(':id')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Change a resident (centre staff of their facility, admin)' })
  @ApiOkResponse({ type: ResidentDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'DUPLICATE_ID_NUMBER' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'BIRTH_DATE_MISMATCH, GENDER_MISMATCH, FACILITY_UNKNOWN' })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') id: string, @Body() dto: UpdateResidentDto): Promise<ResidentDto> {
    return this.residents.update(actor, id, dto);
  }

  @Put(':id/subsidy-category')
  @Roles('bureau_staff', 'admin')
  @ApiOperation({ summary: 'Set the subsidy category, which decides who pays (bureau staff, admin), with the reason in the audit trail' })
  @ApiOkResponse({ type: ResidentDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  setSubsidyCategory(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') id: string, @Body() dto: SetSubsidyCategoryDto): Promise<ResidentDto> {
    return this.residents.setSubsidyCategory(actor, id, dto.subsidyCategory, dto.reason);
  }
}
