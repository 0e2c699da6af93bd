import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
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
import { CreateFamilyLinkDto, FamilyLinkDto, MyResidentDto } from './dto/family-link.dto.js';
import { FamilyLinksService } from './family-links.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('people')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@Controller()
export class FamilyLinksController {
  constructor(private readonly links: FamilyLinksService) {}

  @Post('residents/:id/family-links')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Link an existing family account to a resident (centre staff of the resident’s facility, admin)' })
  @ApiCreatedResponse({ type: FamilyLinkDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields, or both or neither of username and phone' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such resident (or not visible), or no such account' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ALREADY_LINKED' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'ACCOUNT_NOT_FAMILY' })
  create(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') residentId: string, @Body() dto: CreateFamilyLinkDto): Promise<FamilyLinkDto> {
    return this.links.create(actor, residentId, dto);
  }

  @Get('residents/:id/family-links')
  @Roles('senior', 'centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The family accounts linked to a resident (the senior themself, staff)' })
  @ApiOkResponse({ type: [FamilyLinkDto] })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  list(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') residentId: string): Promise<FamilyLinkDto[]> {
    return this.links.list(actor, residentId);
  }

  @Delete('residents/:id/family-links/:linkId')
  @Roles('centre_staff', 'admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a family link (centre staff of the resident’s facility, admin)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  remove(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') residentId: string, @Param('linkId') linkId: string): Promise<void> {
    return this.links.remove(actor, residentId, linkId);
  }

  @Get('me/residents')
  @Roles('family', 'senior')
  @ApiOperation({ summary: 'The seniors the caller may act for: a family member’s linked seniors, a senior themself' })
  @ApiOkResponse({ type: [MyResidentDto] })
  @ApiForbiddenResponse({ type: ErrorResponse })
  mine(@CurrentUser() actor: Actor): Promise<MyResidentDto[]> {
    return this.links.mine(actor);
  }
}
