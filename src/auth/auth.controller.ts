import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto, SessionUserDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username (or mobile) and password' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Wrong username or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many failed attempts for this user or address' })
  login(@Body() dto: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password, request.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: SessionUserDto })
  me(@CurrentUser() actor: Actor): SessionUserDto {
    return {
      id: actor.userId,
      role: actor.role,
      displayName: actor.displayName,
      facilityId: actor.facilityId,
      residentId: actor.residentId,
      caregiverId: actor.caregiverId,
    };
  }
}
