import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CreateLeaveDto, LeaveCreatedDto } from './dto/roster.dto.js';
import { LeaveService } from './leave.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('rosters')
@ApiBearerAuth()
@Controller('caregivers')
export class LeaveController {
  constructor(private readonly leave: LeaveService) {}

  @Post(':id/leave')
  @Roles('centre_staff', 'admin')
  @ApiOperation({ summary: 'Record leave: the caregiver’s shifts in the period are removed or cut back and capacity falls with them' })
  @ApiCreatedResponse({ type: LeaveCreatedDto })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'The role may not use this route' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such caregiver, or not one the caller may see' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'LEAVE_INVALID' })
  create(@CurrentUser() actor: Actor, @UuidParam('id', 'Caregiver') caregiverId: string, @Body() dto: CreateLeaveDto): Promise<LeaveCreatedDto> {
    return this.leave.create(actor, caregiverId, dto);
  }
}
