import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth/decorators.js';
import type { Actor, Role } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuthService } from './auth.service.js';

/** Every route needs a valid token unless marked @Public(); @Roles() narrows who may use it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <accessToken>');
    const actor = await this.auth.actorFromToken(match[1]);
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', `This action is not open to the ${actor.role} role`);
    }
    return true;
  }
}
