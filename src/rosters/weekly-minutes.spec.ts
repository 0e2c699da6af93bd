import { minutesOverLimit, templateMinutesOver, weekOf } from './weekly-minutes.js';
import { dayStart, MINUTE_MS } from '../common/shanghai-time.js';

const at = (day: string, hhmm: string) => dayStart(day) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE_MS;
const shift = (day: string, from: string, to: string) => ({ start: at(day, from), end: at(day, to) });

describe('weekly minutes', () => {
  it('puts a shift in the Monday-to-Sunday week (Asia/Shanghai) it starts in', () => {
    expect(weekOf(shift('2026-12-06', '20:00', '23:00'))).toBe('2026-11-30');
    expect(weekOf(shift('2026-12-07', '00:30', '08:00'))).toBe('2026-12-07');
    // 2026-12-06 23:30 in Shanghai is still Sunday although UTC says 15:30 the same day.
    expect(weekOf({ start: at('2026-12-06', '23:30'), end: at('2026-12-07', '07:30') })).toBe('2026-11-30');
  });

  it('answers the minutes over the limit, counting only the same week', () => {
    const existing = [shift('2026-11-30', '08:00', '16:00'), shift('2026-12-01', '08:00', '16:00'), shift('2026-12-07', '08:00', '16:00')];
    expect(minutesOverLimit(existing, shift('2026-12-02', '08:00', '16:00'), 1440)).toBe(0);
    expect(minutesOverLimit(existing, shift('2026-12-02', '08:00', '17:00'), 1440)).toBe(60);
    expect(minutesOverLimit([], shift('2026-12-02', '08:00', '10:00'), 0)).toBe(120);
  });

  it('totals a weekly template per caregiver against each limit', () => {
    const entries = [
      { caregiverId: 'a', start: '08:00', end: '16:00' },
      { caregiverId: 'a', start: '08:00', end: '16:30' },
      { caregiverId: 'b', start: '08:00', end: '09:00' },
    ];
    expect(
      templateMinutesOver(
        entries,
        new Map([
          ['a', 960],
          ['b', 60],
        ]),
      ),
    ).toEqual([{ caregiverId: 'a', minutes: 990, limit: 960, over: 30 }]);
  });
});
