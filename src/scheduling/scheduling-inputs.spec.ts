import { buildInstance, freeSpans, priorityOf, type CaregiverRow, type OrderRowForPlan } from './scheduling-inputs.js';

const H = 3_600_000;
const at = (hour: number) => new Date(Date.parse('2026-12-01T00:00:00+08:00') + hour * H);

describe('priorityOf', () => {
  it('puts extreme hardship first, then care levels 3-4, then minimum income', () => {
    expect(priorityOf(0, 'tekun')).toBe(3);
    expect(priorityOf(4, 'none')).toBe(2);
    expect(priorityOf(1, 'dibao')).toBe(1);
    expect(priorityOf(1, 'none')).toBe(0);
  });
});

describe('freeSpans', () => {
  it('cuts a kept visit and its buffer out of a shift', () => {
    const spans = freeSpans({ start: 8 * H, end: 16 * H }, [{ start: 10 * H, end: 11 * H }], 0.5 * H);
    expect(spans).toEqual([
      { start: 8 * H, end: 10 * H },
      { start: 11.5 * H, end: 16 * H },
    ]);
  });

  it('drops slivers shorter than a quarter hour', () => {
    expect(freeSpans({ start: 8 * H, end: 9 * H }, [{ start: 8.1 * H, end: 9 * H }], 0)).toEqual([]);
  });
});

describe('buildInstance', () => {
  const caregiver: CaregiverRow = {
    id: 'c1',
    skills: ['cleaning'],
    level: 3,
    home_lat: 25.77,
    home_lng: 113.01,
    max_weekly_minutes: 2400,
    week_minutes_kept: 2000,
  };
  const order: OrderRowForPlan = {
    id: 'o1',
    resident_id: 'r1',
    required_skill: 'cleaning',
    min_caregiver_level: 5,
    lat: 25.78,
    lng: 113.02,
    slot_start: at(9),
    slot_end: at(10.5),
    duration_minutes: 90,
    care_level: 3,
    subsidy_category: 'none',
    usual_caregiver_id: 'c1',
  };

  it('gives the engine the window with slack, the usual caregiver and the priority', () => {
    const instance = buildInstance([caregiver], [{ caregiver_id: 'c1', start: at(8), end: at(16) }], [], [order], {
      speedKmh: 20,
      windowSlackMinutes: 30,
      bufferAfterKeptMinutes: 20,
    });
    expect(instance.orders[0]).toMatchObject({
      windowStart: '2026-12-01T09:00:00+08:00',
      windowEnd: '2026-12-01T11:00:00+08:00',
      preferredCaregiverId: 'c1',
      priority: 2,
    });
    expect(instance.caregivers[0]).toMatchObject({
      weeklyMinutesLeft: 400,
      shifts: [{ start: '2026-12-01T08:00:00+08:00', end: '2026-12-01T16:00:00+08:00' }],
    });
  });

  it('leaves out caregivers with no free time left', () => {
    const instance = buildInstance(
      [caregiver],
      [{ caregiver_id: 'c1', start: at(8), end: at(9) }],
      [{ caregiver_id: 'c1', planned_start: at(8), planned_end: at(9) }],
      [order],
      {
        speedKmh: 20,
        windowSlackMinutes: 30,
        bufferAfterKeptMinutes: 20,
      },
    );
    expect(instance.caregivers).toEqual([]);
  });
});
