import { CLOCK_TIME, closesAfterOpening, minutesOf } from './opening-hours.js';

describe('opening hours', () => {
  it('reads HH:MM clock times and rejects others', () => {
    expect(minutesOf('07:30')).toBe(450);
    expect(['00:00', '23:59', '08:05'].every((t) => CLOCK_TIME.test(t))).toBe(true);
    expect(['24:00', '7:30', '08:60', '0800'].some((t) => CLOCK_TIME.test(t))).toBe(false);
  });

  it('wants closing strictly after opening', () => {
    expect(closesAfterOpening('08:00', '17:30')).toBe(true);
    expect(closesAfterOpening('17:30', '08:00')).toBe(false);
    expect(closesAfterOpening('08:00', '08:00')).toBe(false);
  });
});
