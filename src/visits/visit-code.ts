import { createHmac } from 'node:crypto';

/**
 * The service card's daily visit code. Each resident's card has a random secret; the code of a
 * day is HMAC-SHA256 over the date, truncated to 6 digits (as HOTP truncates, RFC 4226 §5.3).
 * Codes are derived when needed and never stored. The key mixes in the service's own secret, so
 * a copy of the database alone does not give the codes.
 */
export function cardKey(serviceSecret: string, cardSecret: string): Buffer {
  return createHmac('sha256', serviceSecret).update(`visit-card:${cardSecret}`).digest();
}

export function dailyCode(key: Buffer, date: string): string {
  const mac = createHmac('sha256', key).update(date).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

/** Compares in constant time, so a wrong guess takes as long as a nearly right one. */
export function codeMatches(key: Buffer, date: string, given: string): boolean {
  const expected = dailyCode(key, date);
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

/** Every date of a month "YYYY-MM", in order. */
export function datesOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
