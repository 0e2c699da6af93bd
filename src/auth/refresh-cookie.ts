import type { Request } from 'express';
import type { AppConfig } from '../config/config.js';

export const REFRESH_COOKIE = 'care_refresh';

/** The refresh token as an httpOnly cookie sent only to the auth routes (max-age 0 removes it). */
export function refreshCookie(
  token: string,
  config: Pick<AppConfig, 'nodeEnv' | 'refreshTtlDays'>,
  maxAgeSeconds = config.refreshTtlDays * 86400,
): string {
  const parts = [`${REFRESH_COOKIE}=${token}`, 'Path=/api/v1/auth', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict'];
  if (config.nodeEnv === 'production') parts.push('Secure');
  return parts.join('; ');
}

/** The refresh token from the body, else from the cookie. */
export function refreshTokenOf(request: Request, fromBody: string | undefined): string | undefined {
  if (fromBody) return fromBody;
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === REFRESH_COOKIE && rest.length > 0) return rest.join('=') || undefined;
  }
  return undefined;
}

export function bearerOf(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}
