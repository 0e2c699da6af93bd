import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ratio } from './csv.js';
import type { FacilityComparisonDto, FacilityComparisonRowDto, UtilisationReportDto, UtilisationRowDto } from './dto/report.dto.js';
import type { FacilitiesQuery, GroupBy, UtilisationQuery } from './dto/report-query.dto.js';
import { monthPeriod, rangePeriod, wholeMonths, type Period } from './report-period.js';
import { RollupsService } from './rollups.service.js';
import { WAIT_BUCKET_HOURS, countsFromRow, medianWaitHours, sumWaitColumns } from './wait-histogram.js';
import { districtNameOf } from '../divisions/district-filter.js';

/** How each grouping keys a rollup row `r` (with its facility `f` and service `sv`). */
const GROUPING: Record<GroupBy, { key: string; label: string }> = {
  facility: { key: 'f.id::text', label: 'f.name' },
  district: { key: 'f.district', label: 'NULL::text' },
  service: { key: 'r.service_code', label: 'sv.name_zh' },
  day: { key: `to_char(r.day, 'YYYY-MM-DD')`, label: 'NULL::text' },
  week: { key: `to_char(date_trunc('week', r.day), 'YYYY-MM-DD')`, label: `to_char(r.day, 'IYYY-"W"IW')` },
  month: { key: `to_char(r.day, 'YYYY-MM')`, label: 'NULL::text' },
};

interface Row extends Record<string, unknown> {
  key: string;
  label: string | null;
  capacity: number | null;
  booked: number | null;
  completed: number | null;
  cancelled: number | null;
  no_show: number | null;
  missed: number | null;
  waitlisted: number | null;
  refused: number | null;
  assigned_minutes: number | null;
  rostered_minutes: number | null;
}

/** Utilisation by facility, district, service or period, and the facility comparison. */
@Injectable()
export class UtilisationService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly rollups: RollupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async utilisation(actor: Actor, q: UtilisationQuery): Promise<UtilisationReportDto> {
    const period = rangePeriod(q.from, q.to);
    await this.rollups.ensureFresh();
    const g = GROUPING[q.groupBy];
    const params: unknown[] = [period.from, period.to];
    let filter = '';
    if (q.facilityType) filter += ` AND f.type = $${params.push(q.facilityType)}`;
    const district = districtNameOf(q.district);
    if (district) filter += ` AND r.facility_id IN (SELECT id FROM facilities WHERE district = $${params.push(district)})`;
    const facilityId = this.access.facilityScope(actor);
    if (facilityId) filter += ` AND r.facility_id = $${params.push(facilityId)}`;
    const byService = q.groupBy === 'service';
    const source = this.source(q.groupBy, period, params);
    const roster = byService
      ? `SELECT NULL::text AS key, NULL::text AS label, NULL::int AS rostered_minutes WHERE false`
      : `SELECT ${g.key} AS key, ${g.label} AS label, sum(r.rostered_minutes)::int AS rostered_minutes
           FROM report_daily_roster r JOIN facilities f ON f.id = r.facility_id WHERE r.day BETWEEN $1 AND $2${filter} GROUP BY 1, 2`;
    const rows = (await this.db.query(
      `WITH d AS (
         SELECT ${g.key} AS key, ${g.label} AS label, sum(r.capacity)::int AS capacity, sum(r.booked)::int AS booked,
                sum(r.completed)::int AS completed, sum(r.cancelled)::int AS cancelled, sum(r.no_show)::int AS no_show,
                sum(r.missed)::int AS missed, sum(r.waitlisted)::int AS waitlisted, sum(r.refused)::int AS refused,
                sum(r.assigned_minutes)::int AS assigned_minutes, ${sumWaitColumns('r.wait_hist')}
           FROM (${source}) r JOIN facilities f ON f.id = r.facility_id ${byService ? 'JOIN services sv ON sv.code = r.service_code' : ''}
          WHERE true${filter} GROUP BY 1, 2
       ), ro AS (${roster})
       SELECT coalesce(d.key, ro.key) AS key, coalesce(d.label, ro.label) AS label, d.capacity, d.booked, d.completed, d.cancelled,
              d.no_show, d.missed, d.waitlisted, d.refused, d.assigned_minutes, ${WAIT_BUCKET_HOURS.map((_, i) => `d.w${i + 1}`).join(', ')},
              ro.rostered_minutes
         FROM d FULL JOIN ro ON ro.key = d.key
        ORDER BY 1`,
      params,
    )) as Row[];
    return { from: period.from, to: period.to, groupBy: q.groupBy, rows: rows.map((r) => toUtilisationRow(r, byService)) };
  }

  /**
   * The rollup rows a grouping reads, as (day, facility_id[, service_code], figures): day and
   * week groupings the per-facility days; the others whole months from the monthly rollup and
   * the days of a partial first or last month from the daily one.
   */
  private source(groupBy: GroupBy, period: Period, params: unknown[]): string {
    const figures = 'r.capacity, r.booked, r.completed, r.cancelled, r.no_show, r.missed, r.waitlisted, r.refused, r.assigned_minutes, r.wait_hist';
    if (groupBy === 'day' || groupBy === 'week') {
      return `SELECT r.day, r.facility_id, ${figures} FROM report_daily_facility r WHERE r.day BETWEEN $1 AND $2`;
    }
    const months = wholeMonths(period);
    if (!months) return `SELECT r.day, r.facility_id, r.service_code, ${figures} FROM report_daily r WHERE r.day BETWEEN $1 AND $2`;
    const first = `$${params.push(months.first)}`;
    const last = `$${params.push(months.last)}`;
    return `SELECT r.month AS day, r.facility_id, r.service_code, ${figures} FROM report_monthly r WHERE r.month BETWEEN ${first}::date AND ${last}::date
            UNION ALL
            SELECT r.day, r.facility_id, r.service_code, ${figures} FROM report_daily r
             WHERE r.day BETWEEN $1 AND $2 AND (r.day < ${first}::date OR r.day >= (${last}::date + interval '1 month')::date)`;
  }

  async facilities(actor: Actor, q: FacilitiesQuery): Promise<FacilityComparisonDto> {
    const period = monthPeriod(q.month);
    await this.rollups.ensureFresh();
    const facilityType = q.facilityType ?? 'street_centre';
    const params: unknown[] = [period.from, period.to, facilityType];
    const facilityId = this.access.facilityScope(actor);
    const district = districtNameOf(q.district);
    const scope = (facilityId ? ` AND f.id = $${params.push(facilityId)}` : '') + (district ? ` AND f.district = $${params.push(district)}` : '');
    const rows = (await this.db.query(
      `WITH d AS (
         SELECT r.facility_id, sum(r.capacity)::int AS capacity, sum(r.booked)::int AS booked, sum(r.completed)::int AS completed,
                sum(r.cancelled)::int AS cancelled, sum(r.no_show)::int AS no_show, sum(r.missed)::int AS missed,
                sum(r.refused)::int AS refused, sum(r.assigned_minutes)::int AS assigned_minutes
           FROM report_monthly r WHERE r.month = $1::date GROUP BY 1
       ), ro AS (
         SELECT r.facility_id, sum(r.rostered_minutes)::int AS rostered_minutes FROM report_daily_roster r WHERE r.day BETWEEN $1 AND $2 GROUP BY 1
       )
       SELECT f.id, f.code, f.name, f.type, f.district, f.street, d.*, ro.rostered_minutes
         FROM facilities f LEFT JOIN d ON d.facility_id = f.id LEFT JOIN ro ON ro.facility_id = f.id
        WHERE f.type = $3${scope}`,
      params,
    )) as (Row & { id: string; code: string; name: string; type: string; district: string; street: string })[];
    const overPercent = this.config.reportOverUsedPercent;
    const underPercent = this.config.reportUnderUsedPercent;
    const compared = rows.map((r) => {
      const capacity = r.capacity ?? 0;
      const booked = r.booked ?? 0;
      const fillRate = ratio(booked, capacity);
      const rostered = r.rostered_minutes ?? 0;
      const assigned = r.assigned_minutes ?? 0;
      const flag = fillRate === null ? 'no_capacity' : booked * 100 >= overPercent * capacity ? 'over_used' : booked * 100 < underPercent * capacity ? 'under_used' : 'normal';
      return {
        rank: 0, facilityId: r.id, code: r.code, name: r.name, type: r.type, district: r.district, street: r.street,
        capacity, booked, completed: r.completed ?? 0, cancelled: r.cancelled ?? 0, noShow: r.no_show ?? 0, missed: r.missed ?? 0,
        refusedDemand: r.refused ?? 0, fillRate, rosteredMinutes: rostered, assignedMinutes: assigned,
        caregiverUtilisation: ratio(assigned, rostered), flag,
        exact: capacity > 0 ? booked / capacity : -1,
      };
    });
    // Ranked by the exact fill rate (not the rounded one), then by code so that ties stay in one order.
    compared.sort((a, b) => b.exact - a.exact || a.code.localeCompare(b.code));
    const ranked: FacilityComparisonRowDto[] = compared.map(({ exact: _exact, ...row }, i) => ({ ...row, rank: i + 1 }));
    return { month: q.month, facilityType, overUsedFillRate: overPercent / 100, underUsedFillRate: underPercent / 100, rows: ranked };
  }
}

function toUtilisationRow(r: Row, byService: boolean): UtilisationRowDto {
  const capacity = r.capacity ?? 0;
  const booked = r.booked ?? 0;
  const assigned = r.assigned_minutes ?? 0;
  const rostered = byService ? null : (r.rostered_minutes ?? 0);
  const row: UtilisationRowDto = {
    key: r.key,
    capacity,
    booked,
    completed: r.completed ?? 0,
    cancelled: r.cancelled ?? 0,
    noShow: r.no_show ?? 0,
    missed: r.missed ?? 0,
    waitlisted: r.waitlisted ?? 0,
    fillRate: ratio(booked, capacity),
    rosteredMinutes: rostered,
    assignedMinutes: assigned,
    caregiverUtilisation: rostered === null ? null : ratio(assigned, rostered),
    refusedDemand: r.refused ?? 0,
    medianWaitHours: medianWaitHours(countsFromRow(r)),
  };
  if (r.label !== null) row.label = r.label;
  return row;
}
