import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
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
import { CreateFacilityDto, FacilityDto, FacilityPageDto, FacilityQuery, UpdateFacilityDto } from './dto/facility.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('network')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Facilities of the network, by type and district (any signed-in role)' })
  @ApiOkResponse({ type: FacilityPageDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  list(@CurrentUser() actor: Actor, @Query() query: FacilityQuery): Promise<FacilityPageDto> {
    return this.facilities.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One facility (any signed-in role)' })
  @ApiOkResponse({ type: FacilityDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string): Promise<FacilityDto> {
    return this.facilities.get(actor, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a facility (admin)' })
  @ApiCreatedResponse({ type: FacilityDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'FACILITY_CODE_TAKEN' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SERVICE_UNKNOWN' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateFacilityDto): Promise<FacilityDto> {
    return this.facilities.create(actor, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a facility (admin); services and openingHours are replaced whole' })
  @ApiOkResponse({ type: FacilityDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'FACILITY_CODE_TAKEN' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SERVICE_UNKNOWN' })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string, @Body() dto: UpdateFacilityDto): Promise<FacilityDto> {
    return this.facilities.update(actor, id, dto);
  }
}
