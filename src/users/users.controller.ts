import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQuery } from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiRoute({
    roles: ['admin', 'centre_staff'],
    summary: 'Create an account (centre staff: seniors, families and caregivers of their facility)',
    created: UserDto,
    errors: {
      403: 'FORBIDDEN: not admin or centre staff, or centre staff creating a staff or admin account',
      422: 'ROLE_LINK_INVALID (a link the role needs is missing, or one it takes not is given), FACILITY_UNKNOWN',
    },
  })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get()
  @ApiRoute({ roles: ['admin', 'centre_staff'], summary: 'List accounts (centre staff: those of their facility)', ok: UserPageDto })
  list(@CurrentUser() actor: Actor, @Query() query: UserQuery): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Patch(':id')
  @ApiRoute({ roles: ['admin', 'centre_staff'], summary: 'Disable or re-enable an account, rename it, or reset its password', ok: UserDto })
  update(@CurrentUser() actor: Actor, @UuidParam('id', 'User') id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }
}
