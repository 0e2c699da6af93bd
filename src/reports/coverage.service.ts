import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import type { CoverageFiguresDto, CoverageReportDto, CoverageRowDto } from './dto/report.dto.js';
import type { MonthQuery } from './dto/report-query.dto.js';
import { monthPeriod } from './report-period.js';
import { RollupsService } from './rollups.service.js';
import { districtNameOf } from '../divisions/district-filter.js';

/** The priority groups the bureau must cover (应保尽保); a resident may be in several. */
export const PRIORITY_GROUPS = [
  { group: 'tekun', label: '特困', sql: `r.subsidy_category = 'tekun'` },
  { group: 'dibao', label: '低保', sql: `r.subsidy_category = 'dibao'` },
  { group: 'dibao_edge', label: '低保边缘', sql: `r.subsidy_category = 'dibao_edge'` },
  { group: 'aged_80_plus', label: '80岁以上高龄', sql: `r.birth_date <= ($2::date - interval '80 years')::date` },
  { group: 'care_level_3_4', label: '重度/完全失能 (3-4级)', sql: 'r.care_level >= 3' },
] as const;

const FIGURES = ['residents', 'served', 'unserved', 'entitledResidents', 'entitledUnserved', 'entitledMinutes', 'receivedMinutes', 'shortfall'] as const;

const CATEGORIES = ['meal', 'cleaning', 'mobility', 'medical'] as const;

interface PolicyRow {
  subsidy_category: string | null;
  min_age: number | null;
  categories: string[];
  monthly_minutes: number | null;
}

interface Row {
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

/**
 * Coverage of the priority groups per street or town for a month: who is in the group, who got
 * any completed service, the government-purchased minutes the policy entitles them to and the
 * minutes received. Group membership is the residents' registry as it is now; age is the age on
 * the month's last day. Shortfall is counted per resident and per capped policy, against the
 * minutes received in the services that policy covers.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly rollups: RollupsService,
  ) {}

  async coverage(actor: Actor, q: MonthQuery): Promise<CoverageReportDto> {
    const period = monthPeriod(q.month);
    await this.rollups.ensureFresh();
    const params: unknown[] = [period.from, period.to];
    const facilityId = this.access.facilityScope(actor);
    // Only residents in some priority group count; leaving the rest out before the join halves the work.
    const inSomeGroup = `(${PRIORITY_GROUPS.map((g) => g.sql).join(' OR ')})`;
    const district = districtNameOf(q.district);
    const scope = `WHERE ${inSomeGroup}${facilityId ? ` AND r.home_facility_id = $${params.push(facilityId)}` : ''}${district ? ` AND r.district = $${params.push(district)}` : ''}`;
    // The policy is a handful of rows: written into the query as expressions, one pass over residents.
    const policies = (await this.db.query(
      `SELECT subsidy_category, min_age, categories, monthly_minutes FROM subsidy_policies WHERE active AND share_permille > 0 ORDER BY id`,
    )) as PolicyRow[];
    const applies = policies.map((p) => {
      const who = p.subsidy_category === null ? 'true' : `r.subsidy_category = $${params.push(p.subsidy_category)}`;
      const age = p.min_age === null ? 'true' : `r.birth_date <= ($2::date - make_interval(years => $${params.push(p.min_age)}::int))::date`;
      return `(${who} AND ${age})`;
    });
    const received = (p: PolicyRow) =>
      CATEGORIES.filter((c) => p.categories.length === 0 || p.categories.includes(c)).map((c) => `coalesce(x.${c}_minutes, 0)`).join(' + ') || '0';
    const capped = policies.map((p, i) => ({ p, applies: applies[i] })).filter(({ p }) => p.monthly_minutes !== null);
    const entitled = capped.map(({ p, applies: a }) => `CASE WHEN ${a} THEN ${Number(p.monthly_minutes)} ELSE 0 END`).join(' + ') || '0';
    const shortfall = capped.map(({ p, applies: a }) => `CASE WHEN ${a} THEN greatest(0, ${Number(p.monthly_minutes)} - (${received(p)})) ELSE 0 END`).join(' + ') || '0';
    const anyPolicy = applies.join(' OR ') || 'false';
    const rows = (await this.db.query(
      `WITH per_resident AS (
         SELECT r.district, r.street,
                ARRAY[${PRIORITY_GROUPS.map((g) => `CASE WHEN ${g.sql} THEN '${g.group}' END`).join(', ')}] AS groups,
                coalesce(x.completed_orders, 0) > 0 AS served, ${anyPolicy} AS entitled,
                ${entitled} AS entitled_minutes,
                coalesce(x.meal_minutes + x.cleaning_minutes + x.mobility_minutes + x.medical_minutes, 0) AS received_minutes,
                ${shortfall} AS shortfall
           FROM residents r LEFT JOIN report_resident_month x ON x.month = $1::date AND x.resident_id = r.id
           ${scope}
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
    )) as Row[];
    const order = new Map<string, number>(PRIORITY_GROUPS.map((g, i) => [g.group, i]));
    const labels = new Map<string, string>(PRIORITY_GROUPS.map((g) => [g.group, g.label]));
    const out: CoverageRowDto[] = rows
      .map((r) => ({
        group: r.grp,
        groupLabel: labels.get(r.grp) ?? r.grp,
        district: r.district,
        street: r.street,
        residents: r.residents,
        served: r.served,
        unserved: r.residents - r.served,
        entitledResidents: r.entitled_residents,
        entitledUnserved: r.entitled_unserved,
        entitledMinutes: Number(r.entitled_minutes),
        receivedMinutes: Number(r.received_minutes),
        shortfall: Number(r.shortfall),
      }))
      .sort((a, b) => order.get(a.group)! - order.get(b.group)! || a.district.localeCompare(b.district) || a.street.localeCompare(b.street));
    const groups: CoverageFiguresDto[] = PRIORITY_GROUPS.map((g) => {
      const total: CoverageFiguresDto = {
        group: g.group, groupLabel: g.label, residents: 0, served: 0, unserved: 0, entitledResidents: 0,
        entitledUnserved: 0, entitledMinutes: 0, receivedMinutes: 0, shortfall: 0,
      };
      for (const r of out.filter((x) => x.group === g.group)) for (const f of FIGURES) total[f] += r[f];
      return total;
    });
    return { month: q.month, groups, rows: out };
  }
}
