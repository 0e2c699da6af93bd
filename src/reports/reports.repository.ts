import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GroupBy } from './dto/report-query.dto.js';
import { wholeMonths, type Period } from './report-period.js';
import type { ReportScope } from './report-scope.js';
import { WAIT_BUCKET_HOURS, sumWaitColumns } from './wait-histogram.js';

/** The priority groups the bureau must cover (应保尽保); a resident may be in several. */
export const PRIORITY_GROUPS = [
  { group: 'tekun', label: '特困', sql: `r.subsidy_category = 'tekun'` },
  { group: 'dibao', label: '低保', sql: `r.subsidy_category = 'dibao'` },
  { group: 'dibao_edge', label: '低保边缘', sql: `r.subsidy_category = 'dibao_edge'` },
  { group: 'aged_80_plus', label: '80岁以上高龄', sql: `r.birth_date <= ($2::date - interval '80 years')::date` },
  { group: 'care_level_3_4', label: '重度/完全失能 (3-4级)', sql: 'r.care_level >= 3' },
] as const;

const CATEGORIES = ['meal', 'cleaning', 'mobility', 'medical'] as const;

/** How each grouping keys a rollup row `r` (with its facility `f` and service `sv`). */
const GROUPING: Record<GroupBy, { key: string; label: string }> = {
  facility: { key: 'f.id::text', label: 'f.name' },
  district: { key: 'f.district', label: 'NULL::text' },
  service: { key: 'r.service_code', label: 'sv.name_zh' },
  day: { key: `to_char(r.day, 'YYYY-MM-DD')`, label: 'NULL::text' },
  week: { key: `to_char(date_trunc('week', r.day), 'YYYY-MM-DD')`, label: `to_char(r.day, 'IYYY-"W"IW')` },
  month: { key: `to_char(r.day, 'YYYY-MM')`, label: 'NULL::text' },
};

/** The summed figures of a utilisation group or a facility's month; null where no rollup row had any. */
export interface FigureRow extends Record<string, unknown> {
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

/** A utilisation group, with its wait histogram as columns w1 … wN. */
export interface UtilisationRow extends FigureRow {
  key: string;
  label: string | null;
}

export interface FacilityMonthRow extends FigureRow {
  id: string;
  code: string;
  name: string;
  type: string;
  district: string;
  street: string;
}

export interface SubsidyPolicyRow {
  subsidy_category: string | null;
  min_age: number | null;
  categories: string[];
  monthly_minutes: number | null;
}

export interface CoverageRow {
  grp: string;
  district: string;
  street: string;
  residents: number;
  served: number;
  entitled_residents: number;
  entitled_unserved: number;
  entitled_minutes: number;
  received_minutes: number;
  shortfall: number;
}

export interface SpendRow {
  facility_id: string;
  facility_name: string;
  service_code: string;
  service_name: string;
  subsidy_category: string;
  orders: number;
  base_fen: string;
  subsidy_fen: string;
  copay_fen: string;
}

export interface FundingRow {
  funding_source: string;
  orders: number;
  amount_fen: string;
}

/** The bureau's reports as they read the rollups (kept current by RollupsRepository). */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: DataSource) {}

  /** Utilisation grouped by `groupBy` over the period, rostered minutes beside it (none by service). */
  async utilisation(groupBy: GroupBy, period: Period, facilityType: string | undefined, scope: ReportScope): Promise<UtilisationRow[]> {
    const g = GROUPING[groupBy];
    const params: unknown[] = [period.from, period.to];
    let filter = '';
    if (facilityType) filter += ` AND f.type = $${params.push(facilityType)}`;
    if (scope.district) filter += ` AND r.facility_id IN (SELECT id FROM facilities WHERE district = $${params.push(scope.district)})`;
    if (scope.facilityId) filter += ` AND r.facility_id = $${params.push(scope.facilityId)}`;
    const byService = groupBy === 'service';
    const source = this.source(groupBy, period, params);
    const roster = byService
      ? `SELECT NULL::text AS key, NULL::text AS label, NULL::int AS rostered_minutes WHERE false`
      : `SELECT ${g.key} AS key, ${g.label} AS label, sum(r.rostered_minutes)::int AS rostered_minutes
           FROM report_daily_roster r JOIN facilities f ON f.id = r.facility_id WHERE r.day BETWEEN $1 AND $2${filter} GROUP BY 1, 2`;
    return this.db.query<UtilisationRow[]>(
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
    );
  }

  /**
   * The rollup rows a grouping reads, as (day, facility_id[, service_code], figures): day and
   * week groupings the per-facility days; the others whole months from the monthly rollup and
   * the days of a partial first or last month from the daily one.
   */
  private source(groupBy: GroupBy, period: Period, params: unknown[]): string {
    const figures =
      'r.capacity, r.booked, r.completed, r.cancelled, r.no_show, r.missed, r.waitlisted, r.refused, r.assigned_minutes, r.wait_hist';
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

  /** Every facility of the type with its month's figures (null when it had none) and rostered minutes. */
  async facilityMonths(period: Period, facilityType: string, scope: ReportScope): Promise<FacilityMonthRow[]> {
    const params: unknown[] = [period.from, period.to, facilityType];
    const where =
      (scope.facilityId ? ` AND f.id = $${params.push(scope.facilityId)}` : '') +
      (scope.district ? ` AND f.district = $${params.push(scope.district)}` : '');
    return this.db.query<FacilityMonthRow[]>(
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
        WHERE f.type = $3${where}`,
      params,
    );
  }

  /** The subsidy policies that pay anything, in their order. */
  async payingPolicies(): Promise<SubsidyPolicyRow[]> {
    return this.db.query<SubsidyPolicyRow[]>(
      `SELECT subsidy_category, min_age, categories, monthly_minutes FROM subsidy_policies WHERE active AND share_permille > 0 ORDER BY id`,
    );
  }

  /**
   * Per priority group and street, the residents in it, those served, those a policy entitles to
   * minutes and their shortfall. Membership is the residents' registry as it is now; age is the
   * age on the month's last day. Shortfall is counted per resident and per capped policy, against
   * the minutes received in the services that policy covers.
   */
  async coverage(period: Period, policies: SubsidyPolicyRow[], scope: ReportScope): Promise<CoverageRow[]> {
    const params: unknown[] = [period.from, period.to];
    // Only residents in some priority group count; leaving the rest out before the join halves the work.
    const inSomeGroup = `(${PRIORITY_GROUPS.map((g) => g.sql).join(' OR ')})`;
    const where = `WHERE ${inSomeGroup}${scope.facilityId ? ` AND r.home_facility_id = $${params.push(scope.facilityId)}` : ''}${scope.district ? ` AND r.district = $${params.push(scope.district)}` : ''}`;
    // The policy is a handful of rows: written into the query as expressions, one pass over residents.
    const applies = policies.map((p) => {
      const who = p.subsidy_category === null ? 'true' : `r.subsidy_category = $${params.push(p.subsidy_category)}`;
      const age =
        p.min_age === null ? 'true' : `r.birth_date <= ($2::date - make_interval(years => $${params.push(p.min_age)}::int))::date`;
      return `(${who} AND ${age})`;
    });
    const received = (p: SubsidyPolicyRow) =>
      CATEGORIES.filter((c) => p.categories.length === 0 || p.categories.includes(c))
        .map((c) => `coalesce(x.${c}_minutes, 0)`)
        .join(' + ') || '0';
    const capped = policies.map((p, i) => ({ p, applies: applies[i] })).filter(({ p }) => p.monthly_minutes !== null);
    const entitled = capped.map(({ p, applies: a }) => `CASE WHEN ${a} THEN ${Number(p.monthly_minutes)} ELSE 0 END`).join(' + ') || '0';
    const shortfall =
      capped
        .map(({ p, applies: a }) => `CASE WHEN ${a} THEN greatest(0, ${Number(p.monthly_minutes)} - (${received(p)})) ELSE 0 END`)
        .join(' + ') || '0';
    const anyPolicy = applies.join(' OR ') || 'false';
    return this.db.query<CoverageRow[]>(
      `WITH per_resident AS (
         SELECT r.district, r.street,
                ARRAY[${PRIORITY_GROUPS.map((g) => `CASE WHEN ${g.sql} THEN '${g.group}' END`).join(', ')}] AS groups,
                coalesce(x.completed_orders, 0) > 0 AS served, ${anyPolicy} AS entitled,
                ${entitled} AS entitled_minutes,
                coalesce(x.meal_minutes + x.cleaning_minutes + x.mobility_minutes + x.medical_minutes, 0) AS received_minutes,
                ${shortfall} AS shortfall
           FROM residents r LEFT JOIN report_resident_month x ON x.month = $1::date AND x.resident_id = r.id
           ${where}
       ), bucketed AS (
         SELECT district, street, groups, count(*) AS residents, count(*) FILTER (WHERE served) AS served,
                count(*) FILTER (WHERE entitled) AS entitled_residents, count(*) FILTER (WHERE entitled AND NOT served) AS entitled_unserved,
                sum(entitled_minutes) AS entitled_minutes, sum(received_minutes) AS received_minutes, sum(shortfall) AS shortfall
           FROM per_resident WHERE groups <> ARRAY[${PRIORITY_GROUPS.map(() => 'NULL').join(', ')}]::text[]
          GROUP BY 1, 2, 3
       )
       SELECT g.grp, b.district, b.street, sum(b.residents)::int AS residents, sum(b.served)::int AS served,
              sum(b.entitled_residents)::int AS entitled_residents, sum(b.entitled_unserved)::int AS entitled_unserved,
              sum(b.entitled_minutes)::bigint AS entitled_minutes, sum(b.received_minutes)::bigint AS received_minutes, sum(b.shortfall)::bigint AS shortfall
         FROM bucketed b CROSS JOIN LATERAL unnest(b.groups) AS g (grp)
        WHERE g.grp IS NOT NULL
        GROUP BY 1, 2, 3`,
      params,
    );
  }

  /** The spend of the period's completed orders per facility, service and subsidy category, and its funding per source. */
  async spend(period: Period, scope: ReportScope): Promise<{ spend: SpendRow[]; funding: FundingRow[] }> {
    const params: unknown[] = [period.from, period.to];
    const where =
      (scope.facilityId ? ` AND r.facility_id = $${params.push(scope.facilityId)}` : '') +
      (scope.district ? ` AND r.facility_id IN (SELECT id FROM facilities WHERE district = $${params.push(scope.district)})` : '');
    const spend = await this.db.query<SpendRow[]>(
      `SELECT r.facility_id, f.name AS facility_name, r.service_code, sv.name_zh AS service_name, r.subsidy_category,
              sum(r.orders)::int AS orders, sum(r.base_fen)::text AS base_fen, sum(r.subsidy_fen)::text AS subsidy_fen, sum(r.copay_fen)::text AS copay_fen
         FROM report_daily_spend r JOIN facilities f ON f.id = r.facility_id JOIN services sv ON sv.code = r.service_code
        WHERE r.day BETWEEN $1 AND $2${where}
        GROUP BY 1, 2, 3, 4, 5`,
      params,
    );
    const funding = await this.db.query<FundingRow[]>(
      `SELECT r.funding_source, sum(r.orders)::int AS orders, sum(r.amount_fen)::text AS amount_fen
         FROM report_daily_funding r WHERE r.day BETWEEN $1 AND $2${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    return { spend, funding };
  }
}
