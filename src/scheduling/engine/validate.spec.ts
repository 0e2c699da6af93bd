import { describe, expect, it } from '@jest/globals';
import { aCaregiver, anInstance, anOrder, at } from './test-builders.js';
import { formatProblems, validateInstance } from './validate.js';

const paths = (x: unknown) => validateInstance(x).map((p) => p.path);

describe('validateInstance', () => {
  it('accepts the API.md example', () => {
    expect(validateInstance(anInstance([aCaregiver()], [anOrder()]))).toEqual([]);
  });

  it('names the field at fault with its path', () => {
    const bad = anInstance(
      [aCaregiver()],
      [anOrder(), anOrder({ id: 'o2' }), anOrder({ id: 'o3' }), anOrder({ id: 'o4', windowEnd: at('08:00') })],
    );
    const problems = validateInstance(bad);
    expect(formatProblems(problems)).toBe('$.orders[3].windowEnd: must be after windowStart');
  });

  it('reports every problem, not only the first', () => {
    const bad = {
      travel: { speedKmh: 0 },
      caregivers: [
        aCaregiver({ level: 7 }),
        aCaregiver({
          shifts: [
            { start: at('08:00'), end: at('12:00') },
            { start: at('11:00'), end: at('15:00') },
          ],
        }),
      ],
      orders: [{ ...anOrder(), durationMinutes: 150, windowStart: 'tomorrow', location: { lat: 95, lng: 113 } }],
    };
    expect(paths(bad)).toEqual([
      '$.travel.speedKmh',
      '$.caregivers[0].level',
      '$.caregivers[1].id',
      '$.caregivers[1].shifts[1]',
      '$.orders[0].location.lat',
      '$.orders[0].windowStart',
    ]);
  });

  it('flags a visit longer than its window', () => {
    expect(formatProblems(validateInstance(anInstance([aCaregiver()], [anOrder({ durationMinutes: 150 })])))).toBe(
      '$.orders[0].durationMinutes: is longer than the window (150 min > 120 min)',
    );
  });

  it('rejects what is not an instance at all', () => {
    expect(paths(null)).toEqual(['$']);
    expect(paths({ travel: { speedKmh: 20 } })).toEqual(['$.caregivers', '$.orders']);
  });

  it('refuses fields the engine does not know, each with its path', () => {
    const inst = {
      ...anInstance([{ ...aCaregiver(), hourlyRate: 30 } as never], [{ ...anOrder(), windowstart: at('09:00') } as never]),
      returnTobase: true,
    };
    expect(formatProblems(validateInstance(inst))).toBe(
      ['$.returnTobase: unknown field', '$.caregivers[0].hourlyRate: unknown field', '$.orders[0].windowstart: unknown field'].join('\n'),
    );
  });

  it('accepts the optional weights and returnToBase, and checks their types', () => {
    expect(
      validateInstance({ ...anInstance([aCaregiver()], [anOrder()]), weights: { continuityWorthMinutes: 10 }, returnToBase: true }),
    ).toEqual([]);
    expect(
      paths({ ...anInstance([aCaregiver()], [anOrder()]), weights: { continuityWorthMinutes: -1, travel: 1 }, returnToBase: 'yes' }),
    ).toEqual(['$.weights.travel', '$.weights.continuityWorthMinutes', '$.returnToBase']);
  });
});
