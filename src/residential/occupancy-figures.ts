/**
 * The occupancy report's arithmetic, over one row per facility and month of the period:
 * available bed-days = beds × days, occupied bed-days = the occupancy periods' overlap in days,
 * the rate their ratio; admissions and discharges counted, the average stay of those discharged,
 * the average wait of those admitted from the list, and the list's length at the end.
 * Pure: the SQL gives the per-facility-month figures, this groups them.
 */
import { ratio } from '../reports/csv.js';

export const OCCUPANCY_GROUP_BYS = ['facility', 'district', 'month'] as const;
export type OccupancyGroupBy = (typeof OCCUPANCY_GROUP_BYS)[number];

export interface FacilityMonth {
  facilityId: string;
  facilityName: string;
  district: string;
  month: string;
  /** Days of this month inside the period. */
  days: number;
  beds: number;
  occupiedDays: number;
  admissions: number;
  discharges: number;
  stayDaysOfDischarged: number;
  admittedFromList: number;
  waitDaysOfAdmitted: number;
  /** On the list at the end of this month's part of the period. */
  waitingAtEnd: number;
}

export interface OccupancyRow {
  key: string;
  label?: string;
  beds: number;
  bedDays: number;
  occupiedBedDays: number;
  occupancyRate: number | null;
  admissions: number;
  discharges: number;
  averageStayDays: number | null;
  averageWaitDays: number | null;
  waiting: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function occupancyRows(rows: readonly FacilityMonth[], groupBy: OccupancyGroupBy): OccupancyRow[] {
  const groups = new Map<string, { label?: string; rows: FacilityMonth[] }>();
  for (const r of rows) {
    const key = groupBy === 'facility' ? r.facilityId : groupBy === 'district' ? r.district : r.month;
    const group = groups.get(key) ?? { ...(groupBy === 'facility' ? { label: r.facilityName } : {}), rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  const lastMonth = rows.reduce((last, r) => (r.month > last ? r.month : last), '');
  const out = [...groups.entries()].map(([key, g]) => {
    const sum = (f: (r: FacilityMonth) => number) => g.rows.reduce((a, r) => a + f(r), 0);
    const bedDays = sum((r) => r.beds * r.days);
    const occupied = sum((r) => r.occupiedDays);
    const discharges = sum((r) => r.discharges);
    const fromList = sum((r) => r.admittedFromList);
    // Beds and the list are states, not flows: a month's own for a month, the last month's otherwise.
    const atEnd = groupBy === 'month' ? g.rows : g.rows.filter((r) => r.month === lastMonth);
    const row: OccupancyRow = {
      key,
      ...(g.label === undefined ? {} : { label: g.label }),
      beds: atEnd.reduce((a, r) => a + r.beds, 0),
      bedDays,
      occupiedBedDays: round2(occupied),
      occupancyRate: ratio(occupied, bedDays),
      admissions: sum((r) => r.admissions),
      discharges,
      averageStayDays: discharges > 0 ? round1(sum((r) => r.stayDaysOfDischarged) / discharges) : null,
      averageWaitDays: fromList > 0 ? round1(sum((r) => r.waitDaysOfAdmitted) / fromList) : null,
      waiting: atEnd.reduce((a, r) => a + r.waitingAtEnd, 0),
    };
    return row;
  });
  return out.sort((a, b) => (a.label ?? a.key).localeCompare(b.label ?? b.key) || a.key.localeCompare(b.key));
}
