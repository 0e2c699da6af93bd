import { describe, expect, it } from '@jest/globals';
import { csvCell, ratio, toCsv } from './csv.js';
import { medianWaitHours } from './wait-histogram.js';

describe('csv', () => {
  it('starts with a BOM, quotes what needs it and defuses formulas', () => {
    const csv = toCsv(
      [
        { header: 'name', value: (r: { name: string; n: number | null }) => r.name },
        { header: 'n', value: (r) => r.n },
      ],
      [
        { name: '郴州, "北湖"', n: 1 },
        { name: '=SUM(A1)', n: null },
        { name: 'two\nlines', n: 0 },
      ],
    );
    expect(csv).toBe('\uFEFFname,n\r\n"郴州, ""北湖""",1\r\n\'=SUM(A1),\r\n"two\nlines",0\r\n');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(' padded')).toBe('" padded"');
  });

  it('rounds ratios to four decimals and has none without a whole', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBeNull();
  });
});

describe('median wait', () => {
  it('is the lower bound of the bucket holding the lower median', () => {
    expect(medianWaitHours([])).toBeNull();
    expect(medianWaitHours([0, 1, 0, 1])).toBe(1); // two orders: buckets 1 h and 3 h → the first
    expect(medianWaitHours([1, 1, 1])).toBe(1); // 0, 1, 2 → 1
    expect(medianWaitHours([0, 0, 0, 0, 0, 0, 0, 0, 0, 5])).toBe(24);
  });
});
