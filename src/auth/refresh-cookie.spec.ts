import type { Request } from 'express';
import { refreshCookie, refreshTokenOf } from './refresh-cookie.js';

const request = (cookie?: string) => ({ headers: { cookie } }) as unknown as Request;

describe('refresh cookie', () => {
  it('is httpOnly, strict, limited to the auth routes, and Secure in production', () => {
    const dev = refreshCookie('abc', { nodeEnv: 'development', refreshTtlDays: 30 });
    expect(dev).toBe('care_refresh=abc; Path=/api/v1/auth; Max-Age=2592000; HttpOnly; SameSite=Strict');
    expect(refreshCookie('abc', { nodeEnv: 'production', refreshTtlDays: 30 })).toMatch(/; Secure$/);
  });

  it('takes the token from the body first, else from the cookie', () => {
    expect(refreshTokenOf(request('a=1; care_refresh=tok-en'), undefined)).toBe('tok-en');
    expect(refreshTokenOf(request('care_refresh=tok'), 'body')).toBe('body');
    expect(refreshTokenOf(request('care_refresh='), undefined)).toBeUndefined();
    expect(refreshTokenOf(request(), undefined)).toBeUndefined();
  });
});
