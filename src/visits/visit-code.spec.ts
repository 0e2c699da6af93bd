import { createHmac } from 'node:crypto';
import { cardKey, codeMatches, dailyCode, datesOfMonth } from './visit-code.js';

describe('daily visit code', () => {
  const key = cardKey('service-secret', 'card-secret');

  it('is six digits, the same all day, and changes from day to day', () => {
    const codes = datesOfMonth('2026-12').map((d) => dailyCode(key, d));
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(dailyCode(key, '2026-12-01')).toBe(codes[0]);
    expect(new Set(codes).size).toBeGreaterThan(25);
  });

  it('truncates HMAC-SHA256 of the date as HOTP does', () => {
    const mac = createHmac('sha256', key).update('2026-12-01').digest();
    const o = mac[31] & 0x0f;
    expect(dailyCode(key, '2026-12-01')).toBe(String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0'));
  });

  it('differs between cards and between service secrets', () => {
    expect(dailyCode(cardKey('service-secret', 'other-card'), '2026-12-01')).not.toBe(dailyCode(key, '2026-12-01'));
    expect(dailyCode(cardKey('other-service', 'card-secret'), '2026-12-01')).not.toBe(dailyCode(key, '2026-12-01'));
  });

  it('matches only the code of that day', () => {
    expect(codeMatches(key, '2026-12-01', dailyCode(key, '2026-12-01'))).toBe(true);
    expect(codeMatches(key, '2026-12-02', dailyCode(key, '2026-12-01'))).toBe(
      dailyCode(key, '2026-12-02') === dailyCode(key, '2026-12-01'),
    );
    expect(codeMatches(key, '2026-12-01', '12345')).toBe(false);
  });

  it('lists the dates of a month, leap years included', () => {
    expect(datesOfMonth('2028-02')).toHaveLength(29);
    expect(datesOfMonth('2026-02').at(-1)).toBe('2026-02-28');
    expect(datesOfMonth('2026-12')[0]).toBe('2026-12-01');
  });
});
