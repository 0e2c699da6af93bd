import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A month of the period, cut to it: [start, end) in Asia/Shanghai and its days. */
export interface MonthSegment {
  month: string;
  start: Date;
  end: Date;
  days: number;
}

/** A facility's beds and, for one month segment, its occupied bed-days, admissions, discharges, waits and waiting list. */
export interface OccupancyRow {
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
}

export interface InstitutionalCareRow {
  district: string;
  tekun: number;
  in_home: number;
}

export interface AttendanceRow {
  id: string;
  name: string;
  district: string;
  day: string;
  places: number;
  enrolled: number;
  attended: number;
}

/** The bureau's residential reports as they read beds, admissions, occupancies, day places and attendance. */
@Injectable()
export class ResidentialReportsRepository {
  constructor(private readonly db: DataSource) {}

  /** Per facility with beds (of the scope) and month segment: bed-days held, admissions and their waits, discharges and stays, those waiting at the end. */
  async occupancy(segments: MonthSegment[], facilityId: string | null, district: string | null): Promise<OccupancyRow[]> {
    return this.db.query<OccupancyRow[]>(
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
      [
        segments.map((s) => s.month),
        segments.map((s) => s.start),
        segments.map((s) => s.end),
        segments.map((s) => s.days),
        facilityId,
        district,
      ],
    );
  }

  /** Per district, the extreme-hardship (特困) residents and those of them holding a bed during [start, end). */
  async institutionalCare(start: Date, end: Date, district: string | null, facilityId: string | null): Promise<InstitutionalCareRow[]> {
    return this.db.query<InstitutionalCareRow[]>(
      `SELECT r.district, count(*)::int AS tekun,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM admissions a JOIN bed_occupancies o ON o.admission_id = a.id
                                              WHERE a.resident_id = r.id AND o.during && tstzrange($1, $2)))::int AS in_home
         FROM residents r
        WHERE r.subsidy_category = 'tekun' AND ($3::text IS NULL OR r.district = $3)
          AND ($4::uuid IS NULL OR r.home_facility_id = $4 OR EXISTS (SELECT 1 FROM admissions a WHERE a.resident_id = r.id AND a.facility_id = $4))
        GROUP BY r.district ORDER BY r.district`,
      [start, end, district, facilityId],
    );
  }

  /** Per day-care site (of the scope) and day: the weekday's places, those enrolled for it and those who came. */
  async attendance(days: string[], facilityId: string | null, district: string | null): Promise<AttendanceRow[]> {
    return this.db.query<AttendanceRow[]>(
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
      [days, facilityId, district],
    );
  }
}
