import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import { CaregiversService } from './caregivers.service.js';
import { CaregiverDto, CaregiverPageDto, CaregiverQuery, CreateCaregiverDto, UpdateCaregiverDto } from './dto/caregiver.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('people')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@Controller('caregivers')
export class CaregiversController {
  constructor(private readonly caregivers: CaregiversService) {}

  @Post()
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Register a caregiver (centre staff for their own facility, admin)' })
  @ApiCreatedResponse({ type: CaregiverDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'facilityId is not the centre staff member’s facility' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'FACILITY_UNKNOWN' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateCaregiverDto): Promise<CaregiverDto> {
    return this.caregivers.create(actor, dto);
  }

  @Get()
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'Caregivers (centre staff: their own facility only)' })
  @ApiOkResponse({ type: CaregiverPageDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiForbiddenResponse({ type: ErrorResponse })
  list(@CurrentUser() actor: Actor, @Query() query: CaregiverQuery): Promise<CaregiverPageDto> {
    return this.caregivers.list(actor, query);
  }

  @Get(':id')
  @Roles('caregiver', 'centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'One caregiver: themself, own-facility centre staff, bureau staff, admin' })
  @ApiOkResponse({ type: CaregiverDto })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Caregiver') id: string): Promise<CaregiverDto> {
    return this.caregivers.get(actor, id);
  }

  @Patch(':id')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Change a caregiver (centre staff of their facility, admin)' })
  @ApiOkResponse({ type: CaregiverDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, with details' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'FACILITY_UNKNOWN' })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Caregiver') id: string, @Body() dto: UpdateCaregiverDto): Promise<CaregiverDto> {
    return this.caregivers.update(actor, id, dto);
  }
}
