import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature a webhook receiver checks: `X-Care-Signature: t=<unix seconds>,v1=<hex>` where
 * hex is HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp lets a receiver refuse replays.
 */
export const SIGNATURE_HEADER = 'X-Care-Signature';
export const NOTIFICATION_ID_HEADER = 'X-Care-Notification-Id';

export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: recompute and compare in constant time, within a tolerance of clock skew. */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
