import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute } from '../common/http/api-route.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto, RefreshDto, SessionUserDto } from './dto/login.dto.js';
import { bearerOf, refreshCookie, refreshTokenOf } from './refresh-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Sign in with username (or mobile) and password; the refresh token also comes as an httpOnly cookie',
    ok: LoginResponseDto,
    errors: { 401: 'Wrong username or password (the same answer for both)', 429: 'Too many failed attempts for this account' },
  })
  async login(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResponseDto> {
    const session = await this.auth.login(dto.username, dto.password, request.ip ?? 'unknown');
    response.setHeader('Set-Cookie', refreshCookie(session.refreshToken, this.config));
    return session;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Trade a refresh token (cookie or body) for a new access token and the next refresh token; a reused one ends its session',
    ok: LoginResponseDto,
    errors: { 401: 'REFRESH_TOKEN_INVALID (unknown, expired, ended) or REFRESH_TOKEN_REUSED (the session is ended)' },
  })
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto> {
    const session = await this.auth.refresh(refreshTokenOf(request, dto.refreshToken));
    response.setHeader('Set-Cookie', refreshCookie(session.refreshToken, this.config));
    return session;
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiRoute({ summary: "End this session: its refresh tokens (cookie, body or the bearer token's session) stop working", noContent: true })
  async logout(@Body() dto: RefreshDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(refreshTokenOf(request, dto.refreshToken), bearerOf(request));
    response.setHeader('Set-Cookie', refreshCookie('', this.config, 0));
  }

  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiRoute({
    summary: 'End every session of the signed-in account at once: all access and refresh tokens, on every instance',
    noContent: true,
  })
  async logoutEverywhere(@CurrentUser() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logoutEverywhere(actor);
    response.setHeader('Set-Cookie', refreshCookie('', this.config, 0));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiRoute({ summary: 'The signed-in user', ok: SessionUserDto })
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
