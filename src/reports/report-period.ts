import { DomainError } from '../common/errors/domain-error.js';
import { addDays, isValidDate } from '../common/shanghai-time.js';

/** An inclusive range of Shanghai business days. */
export interface Period {
  from: string;
  to: string;
}

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** About 13 months: a year compared with the same month a year before. */
export const MAX_RANGE_DAYS = 400;

/** The days of a month "2026-12": 2026-12-01 … 2026-12-31. */
export function monthPeriod(month: string): Period {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw invalid('month', 'month must be a month like 2026-12');
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

export function rangePeriod(from: string, to: string): Period {
  if (!isValidDate(from)) throw invalid('from', 'from must be a date like 2026-12-01');
  if (!isValidDate(to)) throw invalid('to', 'to must be a date like 2026-12-31');
  if (to < from) throw invalid('to', `to (${to}) is before from (${from}): swap them`);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    throw invalid('to', `A report covers at most ${MAX_RANGE_DAYS} days (about 13 months): shorten from … to`);
  }
  return { from, to };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('REPORT_RANGE_INVALID', message, [{ field, message }]);
}

/** The first days of the first and last whole months inside the period, or null when there is none. */
export function wholeMonths(period: Period): { first: string; last: string } | null {
  const first = period.from.endsWith('-01') ? period.from.slice(0, 7) : nextMonthOf(period.from.slice(0, 7));
  const lastDay = addDays(period.to, 1);
  const last = lastDay.endsWith('-01') ? previousMonthOf(lastDay.slice(0, 7)) : previousMonthOf(period.to.slice(0, 7));
  return first <= last ? { first: `${first}-01`, last: `${last}-01` } : null;
}

function nextMonthOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function previousMonthOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
