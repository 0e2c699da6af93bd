import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from './roles.js';

export const PUBLIC_KEY = 'care:public';
export const ROLES_KEY = 'care:roles';

/** The route needs no token (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may use the route; others get 403. Without it, any signed-in role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in caller, as set by the auth guard. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
