import { describe, expect, it } from '@jest/globals';
import { occupancyRows, type FacilityMonth } from './occupancy-figures.js';

const month = (more: Partial<FacilityMonth>): FacilityMonth => ({
  facilityId: 'f1',
  facilityName: '永兴县敬老院',
  district: '永兴县',
  month: '2026-11',
  days: 30,
  beds: 2,
  occupiedDays: 0,
  admissions: 0,
  discharges: 0,
  stayDaysOfDischarged: 0,
  admittedFromList: 0,
  waitDaysOfAdmitted: 0,
  waitingAtEnd: 0,
  ...more,
});

describe('occupancy figures', () => {
  const rows = [
    month({
      occupiedDays: 45,
      admissions: 2,
      discharges: 1,
      stayDaysOfDischarged: 20,
      admittedFromList: 1,
      waitDaysOfAdmitted: 6,
      waitingAtEnd: 3,
    }),
    month({ month: '2026-12', days: 31, occupiedDays: 62, waitingAtEnd: 1 }),
    month({ facilityId: 'f2', facilityName: '宜章县敬老院', district: '宜章县', beds: 1, occupiedDays: 0 }),
    month({
      facilityId: 'f2',
      facilityName: '宜章县敬老院',
      district: '宜章县',
      month: '2026-12',
      days: 31,
      beds: 1,
      occupiedDays: 10.5,
      admissions: 1,
    }),
  ];

  it('gives a facility its bed-days over the period and the list at its end', () => {
    const [yizhang, yongxing] = occupancyRows(rows, 'facility');
    expect(yongxing).toEqual({
      key: 'f1',
      label: '永兴县敬老院',
      beds: 2,
      bedDays: 2 * 30 + 2 * 31,
      occupiedBedDays: 107,
      occupancyRate: Math.round((107 / 122) * 10_000) / 10_000,
      admissions: 2,
      discharges: 1,
      averageStayDays: 20,
      averageWaitDays: 6,
      waiting: 1,
    });
    expect(yizhang).toMatchObject({
      bedDays: 61,
      occupiedBedDays: 10.5,
      occupancyRate: 0.1721,
      averageStayDays: null,
      averageWaitDays: null,
    });
  });

  it('gives each month its own beds and list, and sums the facilities', () => {
    const byMonth = occupancyRows(rows, 'month');
    expect(byMonth.map((r) => [r.key, r.beds, r.bedDays, r.occupiedBedDays, r.waiting])).toEqual([
      ['2026-11', 3, 90, 45, 3],
      ['2026-12', 3, 93, 72.5, 1],
    ]);
    expect(occupancyRows(rows, 'district').map((r) => r.key)).toEqual(['宜章县', '永兴县']);
  });
});
