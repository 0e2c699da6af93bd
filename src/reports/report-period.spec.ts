import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors/domain-error.js';
import { monthPeriod, rangePeriod, wholeMonths } from './report-period.js';

describe('report periods', () => {
  it('gives a month its days, leap years included', () => {
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('rejects malformed months, reversed and over-long ranges with REPORT_RANGE_INVALID', () => {
    for (const run of [
      () => monthPeriod('2026-13'),
      () => rangePeriod('2026-12-31', '2026-12-01'),
      () => rangePeriod('2025-01-01', '2026-12-31'),
      () => rangePeriod('2026-02-30', '2026-03-01'),
    ]) {
      expect(run).toThrow(DomainError);
    }
    expect(rangePeriod('2025-11-01', '2026-12-04')).toEqual({ from: '2025-11-01', to: '2026-12-04' }); // 399 days
  });

  it('finds the whole months inside a range', () => {
    expect(wholeMonths({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ first: '2026-01-01', last: '2026-12-01' });
    expect(wholeMonths({ from: '2026-01-15', to: '2026-03-30' })).toEqual({ first: '2026-02-01', last: '2026-02-01' });
    expect(wholeMonths({ from: '2026-12-02', to: '2026-12-31' })).toBeNull();
    expect(wholeMonths({ from: '2025-12-31', to: '2026-01-31' })).toEqual({ first: '2026-01-01', last: '2026-01-01' });
  });
});
