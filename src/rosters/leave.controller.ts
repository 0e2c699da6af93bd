import { Body, Controller, Post } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CreateLeaveDto, LeaveCreatedDto } from './dto/roster.dto.js';
import { LeaveService } from './leave.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('rosters')
@Controller('caregivers')
export class LeaveController {
  constructor(private readonly leave: LeaveService) {}

  @Post(':id/leave')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Record leave: the caregiver’s shifts in the period are removed or cut back and capacity falls with them',
    created: LeaveCreatedDto,
    errors: { 404: 'No such caregiver, or not one the caller may see', 422: 'LEAVE_INVALID' },
  })
  create(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Caregiver') caregiverId: string,
    @Body() dto: CreateLeaveDto,
  ): Promise<LeaveCreatedDto> {
    return this.leave.create(actor, caregiverId, dto);
  }
}
