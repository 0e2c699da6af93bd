import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CreateFamilyLinkDto, FamilyLinkDto, MyResidentDto } from './dto/family-link.dto.js';
import { FamilyLinksService } from './family-links.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('people')
@Controller()
export class FamilyLinksController {
  constructor(private readonly links: FamilyLinksService) {}

  @Post('residents/:id/family-links')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Link an existing family account to a resident (centre staff of the resident’s facility, admin)',
    created: FamilyLinkDto,
    errors: {
      400: 'Invalid fields, or both or neither of username and phone',
      404: 'No such resident (or not visible), or no such account',
      409: 'ALREADY_LINKED',
      422: 'ACCOUNT_NOT_FAMILY',
    },
  })
  create(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Resident') residentId: string,
    @Body() dto: CreateFamilyLinkDto,
  ): Promise<FamilyLinkDto> {
    return this.links.create(actor, residentId, dto);
  }

  @Get('residents/:id/family-links')
  @ApiRoute({
    roles: ['senior', 'centre_staff', 'bureau_staff', 'admin'],
    summary: 'The family accounts linked to a resident (the senior themself, staff)',
    ok: [FamilyLinkDto],
  })
  list(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') residentId: string): Promise<FamilyLinkDto[]> {
    return this.links.list(actor, residentId);
  }

  @Delete('residents/:id/family-links/:linkId')
  @HttpCode(204)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Remove a family link (centre staff of the resident’s facility, admin)',
    noContent: 'Removed',
  })
  remove(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') residentId: string, @Param('linkId') linkId: string): Promise<void> {
    return this.links.remove(actor, residentId, linkId);
  }

  @Get('me/residents')
  @ApiRoute({
    roles: ['family', 'senior'],
    summary: 'The seniors the caller may act for: a family member’s linked seniors, a senior themself',
    ok: [MyResidentDto],
  })
  mine(@CurrentUser() actor: Actor): Promise<MyResidentDto[]> {
    return this.links.mine(actor);
  }
}
