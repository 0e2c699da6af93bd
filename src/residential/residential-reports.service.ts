import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { addDays, dayStart, shanghaiDate } from '../common/shanghai-time.js';
import { ratio } from '../reports/csv.js';
import { monthPeriod, rangePeriod } from '../reports/report-period.js';
import { districtNameOf } from '../divisions/district-filter.js';
import type {
  AttendanceReportDto,
  AttendanceReportQuery,
  AttendanceRowDto,
  InstitutionalCareQuery,
  InstitutionalCareReportDto,
  OccupancyQuery,
  OccupancyReportDto,
} from './dto/residential-reports.dto.js';
import { occupancyRows, type FacilityMonth } from './occupancy-figures.js';
import { AccessService } from '../common/auth/access.service.js';

/**
 * The months a period touches, each cut to the period: [key, start, end) in Asia/Shanghai. Days
 * after today are left out: their bed-days are not known yet, and counting them empty would make
 * the current month look half empty.
 */
function monthSegments(from: string, until: string): { month: string; start: Date; end: Date; days: number }[] {
  const today = shanghaiDate(Date.now());
  const to = until > today ? today : until;
  const out = [];
  let first = from;
  while (first <= to) {
    const next = monthPeriod(first.slice(0, 7)).to;
    const last = next < to ? next : to;
    out.push({ month: first.slice(0, 7), start: new Date(dayStart(first)), end: new Date(dayStart(addDays(last, 1))), days: Math.round((dayStart(addDays(last, 1)) - dayStart(first)) / 86_400_000) });
    first = addDays(last, 1);
  }
  return out;
}

/** The bureau's residential reports: bed occupancy, 集中供养 of extreme-hardship residents, day-care attendance. */
@Injectable()
export class ResidentialReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async occupancy(actor: Actor, q: OccupancyQuery): Promise<OccupancyReportDto> {
    const period = rangePeriod(q.from, q.to);
    const district = districtNameOf(q.district);
    const segments = monthSegments(period.from, period.to);
    const rows = (await this.db.query(
      `WITH seg AS (SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS s(month, s, e, days)),
            fac AS (SELECT f.id, f.name, f.district, count(b.id)::int AS beds FROM facilities f JOIN beds b ON b.facility_id = f.id
                     WHERE ($5::uuid IS NULL OR f.id = $5) AND ($6::text IS NULL OR f.district = $6) GROUP BY f.id),
            occ AS (SELECT o.facility_id, seg.month,
                           sum(extract(epoch FROM least(coalesce(upper(o.during), 'infinity'), seg.e) - greatest(lower(o.during), seg.s))) AS secs
                      FROM bed_occupancies o JOIN seg ON o.during && tstzrange(seg.s, seg.e)
                     WHERE o.facility_id IN (SELECT id FROM fac) GROUP BY 1, 2),
            adm AS (SELECT a.facility_id, seg.month, count(*)::int AS admissions, count(*) FILTER (WHERE a.applied_at < a.admitted_at)::int AS from_list,
                           coalesce(sum(extract(epoch FROM a.admitted_at - a.applied_at)) FILTER (WHERE a.applied_at < a.admitted_at), 0) AS wait_secs
                      FROM admissions a JOIN seg ON a.admitted_at >= seg.s AND a.admitted_at < seg.e
                     WHERE a.facility_id IN (SELECT id FROM fac) GROUP BY 1, 2),
            dis AS (SELECT a.facility_id, seg.month, count(*)::int AS discharges, sum(extract(epoch FROM a.discharged_at - a.admitted_at)) AS stay_secs
                      FROM admissions a JOIN seg ON a.discharged_at >= seg.s AND a.discharged_at < seg.e
                     WHERE a.facility_id IN (SELECT id FROM fac) GROUP BY 1, 2),
            wai AS (SELECT a.facility_id, seg.month, count(*)::int AS waiting
                      FROM admissions a JOIN seg ON a.applied_at < seg.e AND (a.admitted_at IS NULL OR a.admitted_at >= seg.e)
                     WHERE a.facility_id IN (SELECT id FROM fac) AND a.applied_at < coalesce(a.admitted_at, 'infinity') GROUP BY 1, 2)
       SELECT fac.id, fac.name, fac.district, fac.beds, seg.month, seg.days,
              coalesce(occ.secs, 0) / 86400 AS occupied_days,
              coalesce(adm.admissions, 0) AS admissions, coalesce(adm.from_list, 0) AS from_list, coalesce(adm.wait_secs, 0) / 86400 AS wait_days,
              coalesce(dis.discharges, 0) AS discharges, coalesce(dis.stay_secs, 0) / 86400 AS stay_days, coalesce(wai.waiting, 0) AS waiting
         FROM fac CROSS JOIN seg
         LEFT JOIN occ ON occ.facility_id = fac.id AND occ.month = seg.month
         LEFT JOIN adm ON adm.facility_id = fac.id AND adm.month = seg.month
         LEFT JOIN dis ON dis.facility_id = fac.id AND dis.month = seg.month
         LEFT JOIN wai ON wai.facility_id = fac.id AND wai.month = seg.month`,
      [segments.map((s) => s.month), segments.map((s) => s.start), segments.map((s) => s.end), segments.map((s) => s.days), this.access.facilityScope(actor) ?? null, district ?? null],
    )) as {
      id: string;
      name: string;
      district: string;
      beds: number;
      month: string;
      days: number;
      occupied_days: string;
      admissions: number;
      from_list: number;
      wait_days: string;
      discharges: number;
      stay_days: string;
      waiting: number;
    }[];
    const months: FacilityMonth[] = rows.map((r) => ({
      facilityId: r.id,
      facilityName: r.name,
      district: r.district,
      month: r.month,
      days: r.days,
      beds: r.beds,
      occupiedDays: Number(r.occupied_days),
      admissions: r.admissions,
      discharges: r.discharges,
      stayDaysOfDischarged: Number(r.stay_days),
      admittedFromList: r.from_list,
      waitDaysOfAdmitted: Number(r.wait_days),
      waitingAtEnd: r.waiting,
    }));
    return { from: period.from, to: period.to, groupBy: q.groupBy, rows: occupancyRows(months, q.groupBy) };
  }

  /** 集中供养率: of the district's extreme-hardship residents, the share holding a bed on the month's last day. */
  async institutionalCare(actor: Actor, q: InstitutionalCareQuery): Promise<InstitutionalCareReportDto> {
    const period = monthPeriod(q.month);
    const district = districtNameOf(q.district);
    const lastDay = { start: new Date(dayStart(period.to)), end: new Date(dayStart(addDays(period.to, 1))) };
    const rows = (await this.db.query(
      `SELECT r.district, count(*)::int AS tekun,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM admissions a JOIN bed_occupancies o ON o.admission_id = a.id
                                              WHERE a.resident_id = r.id AND o.during && tstzrange($1, $2)))::int AS in_home
         FROM residents r
        WHERE r.subsidy_category = 'tekun' AND ($3::text IS NULL OR r.district = $3)
          AND ($4::uuid IS NULL OR r.home_facility_id = $4 OR EXISTS (SELECT 1 FROM admissions a WHERE a.resident_id = r.id AND a.facility_id = $4))
        GROUP BY r.district ORDER BY r.district`,
      [lastDay.start, lastDay.end, district ?? null, this.access.facilityScope(actor) ?? null],
    )) as { district: string; tekun: number; in_home: number }[];
    const out = rows.map((r) => ({ district: r.district, tekunResidents: r.tekun, inHome: r.in_home, rate: ratio(r.in_home, r.tekun) }));
    const tekun = out.reduce((a, r) => a + r.tekunResidents, 0);
    const inHome = out.reduce((a, r) => a + r.inHome, 0);
    return { month: q.month, rows: out, total: { district: district ?? '合计', tekunResidents: tekun, inHome, rate: ratio(inHome, tekun) } };
  }

  async attendance(actor: Actor, q: AttendanceReportQuery): Promise<AttendanceReportDto> {
    const period = rangePeriod(q.from, q.to);
    const district = districtNameOf(q.district);
    const days: string[] = [];
    // Days after today have no attendance yet: left out, as for occupancy.
    const today = shanghaiDate(Date.now());
    for (let d = period.from; d <= period.to && d <= today; d = addDays(d, 1)) days.push(d);
    const rows = (await this.db.query(
      `WITH d AS (SELECT day, extract(isodow FROM day)::int AS wd, ((day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS e FROM unnest($1::date[]) AS day),
            fac AS (SELECT f.id, f.name, f.district FROM facilities f WHERE EXISTS (SELECT 1 FROM day_places p WHERE p.facility_id = f.id)
                      AND ($2::uuid IS NULL OR f.id = $2) AND ($3::text IS NULL OR f.district = $3)),
            enr AS (SELECT e.facility_id, d.day, count(*)::int AS enrolled FROM enrolments e
                      JOIN d ON d.wd = ANY(e.weekdays) AND e.created_at < d.e AND (e.ended_at IS NULL OR e.ended_at >= d.e)
                     WHERE e.facility_id IN (SELECT id FROM fac) GROUP BY 1, 2),
            att AS (SELECT a.facility_id, a.day, count(*)::int AS attended FROM attendance a
                     WHERE a.facility_id IN (SELECT id FROM fac) AND a.day = ANY($1::date[]) AND a.arrived_at IS NOT NULL GROUP BY 1, 2)
       SELECT fac.id, fac.name, fac.district, to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(p.places, 0) AS places,
              coalesce(enr.enrolled, 0) AS enrolled, coalesce(att.attended, 0) AS attended
         FROM fac CROSS JOIN d
         LEFT JOIN day_places p ON p.facility_id = fac.id AND p.weekday = d.wd
         LEFT JOIN enr ON enr.facility_id = fac.id AND enr.day = d.day
         LEFT JOIN att ON att.facility_id = fac.id AND att.day = d.day`,
      [days, this.access.facilityScope(actor) ?? null, district ?? null],
    )) as { id: string; name: string; district: string; day: string; places: number; enrolled: number; attended: number }[];
    const groups = new Map<string, AttendanceRowDto>();
    for (const r of rows) {
      const key = q.groupBy === 'facility' ? r.id : q.groupBy === 'district' ? r.district : r.day;
      const g = groups.get(key) ?? { key, ...(q.groupBy === 'facility' ? { label: r.name } : {}), places: 0, enrolled: 0, attended: 0, attendanceRate: null };
      g.places += r.places;
      g.enrolled += r.enrolled;
      g.attended += r.attended;
      groups.set(key, g);
    }
    const out = [...groups.values()].map((g) => ({ ...g, attendanceRate: ratio(g.attended, g.enrolled) }));
    out.sort((a, b) => (a.label ?? a.key).localeCompare(b.label ?? b.key) || a.key.localeCompare(b.key));
    return { from: period.from, to: period.to, groupBy: q.groupBy, rows: out };
  }
}
