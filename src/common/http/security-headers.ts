import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers, worked out once at start and then set on every response. Our
 * helmet settings depend on nothing in the request (no CSP nonces), so the headers are the same
 * every time; this skips running helmet's dozen middlewares per request.
 */
export function securityHeaders(options: HelmetOptions) {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
    getHeader: () => undefined,
  };
  let ran = false;
  helmet(options)({} as Request, recorder as unknown as Response, () => {
    ran = true;
  });
  if (!ran || set.length === 0) throw new Error('helmet did not set its headers synchronously: use it as middleware instead');
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
