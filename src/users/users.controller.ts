import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQuery } from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin', 'centre_staff')
  @ApiOperation({ summary: 'Create an account (centre staff: seniors, families and caregivers of their facility)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'FORBIDDEN: not admin or centre staff, or centre staff creating a staff or admin account' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'ROLE_LINK_INVALID (a link the role needs is missing, or one it takes not is given), FACILITY_UNKNOWN' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles('admin', 'centre_staff')
  @ApiOperation({ summary: 'List accounts (centre staff: those of their facility)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentUser() actor: Actor, @Query() query: UserQuery): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Patch(':id')
  @Roles('admin', 'centre_staff')
  @ApiOperation({ summary: 'Disable or re-enable an account, rename it, or reset its password' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'User') id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }
}
