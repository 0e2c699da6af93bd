import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { BedsService } from './beds.service.js';
import { BedDto, CreateBedDto, UpdateBedDto } from './dto/beds.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('residential', { 404: 'No such facility or bed, or not one the caller may see' })
@Controller()
export class BedsController {
  constructor(private readonly beds: BedsService) {}

  @Get('facilities/:id/beds')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'The bed board: every bed of the facility, its status and who is in it now',
    ok: [BedDto],
  })
  list(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string): Promise<BedDto[]> {
    return this.beds.list(actor, facilityId);
  }

  @Post('facilities/:id/beds')
  @ApiRoute({ roles: ['centre_staff', 'admin'], summary: 'Add a bed to the facility', created: BedDto, errors: { 409: 'BED_CODE_TAKEN' } })
  create(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') facilityId: string, @Body() dto: CreateBedDto): Promise<BedDto> {
    return this.beds.create(actor, facilityId, dto);
  }

  @Patch('beds/:id')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Set a bed free, reserved or out of service; set free, it goes to the first suitable resident waiting',
    ok: BedDto,
    errors: { 409: 'BED_OCCUPIED: someone is in the bed or due in it' },
  })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'Bed') bedId: string, @Body() dto: UpdateBedDto): Promise<BedDto> {
    return this.beds.update(actor, bedId, dto);
  }
}
