import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { AdmissionDto, AdmissionEventDto, AdmissionQuery, AdmissionStatus, DischargeReason } from './dto/admissions.dto.js';
import type { SubsidyCategory } from '../orders/pricing.js';
import type { CareType, WaitingEntry } from './waiting-order.js';

export interface AdmissionRow {
  id: string;
  residentId: string;
  facilityId: string;
  careType: CareType;
  careLevel: number;
  status: AdmissionStatus;
  appliedAt: Date;
  admittedAt: Date | null;
}

export interface WaitingRow extends WaitingEntry {
  residentId: string;
  residentName: string;
}

type Event = 'applied' | 'admitted' | 'transferred' | 'discharged';

const ADMISSION_COLUMNS = `a.id, a.resident_id, a.facility_id, a.care_type, a.care_level, a.status, a.applied_at, a.admitted_at`;
interface RawAdmission {
  id: string;
  resident_id: string;
  facility_id: string;
  care_type: CareType;
  care_level: number;
  status: AdmissionStatus;
  applied_at: Date;
  admitted_at: Date | null;
}
const toRow = (r: RawAdmission): AdmissionRow => ({
  id: r.id,
  residentId: r.resident_id,
  facilityId: r.facility_id,
  careType: r.care_type,
  careLevel: r.care_level,
  status: r.status,
  appliedAt: r.applied_at,
  admittedAt: r.admitted_at,
});

/** A waiting application with what the waiting order ranks by. */
export interface WaitingApplicationRow {
  id: string;
  resident_id: string;
  name: string;
  care_type: CareType;
  care_level: number;
  subsidy_category: string;
  applied_at: Date;
}

/** An admission as the API shows it: with the resident's name, its discharge and the bed held now (or last). */
export interface AdmissionDetailRow extends RawAdmission {
  resident_name: string;
  discharged_at: Date | null;
  discharge_reason: DischargeReason | null;
  bed_id: string | null;
  bed_code: string | null;
}

export interface AdmissionEventRow {
  admission_id: string;
  event: string;
  at: Date;
  bed_id: string | null;
  reason: string | null;
  actor_id: string | null;
}

/** A stretch of a bed held by an admission within [start, end), with what the charge needs of resident, bed and rate. */
export interface OccupancySegmentRow {
  resident_id: string;
  resident_name: string;
  subsidy_category: SubsidyCategory;
  birth_date: string;
  admission_id: string;
  facility_id: string;
  facility_name: string;
  facility_district: string;
  bed_id: string;
  bed_code: string;
  care_type: CareType;
  monthly_fen: number;
  s: Date;
  e: Date;
}

/** Admissions, the beds' occupancy periods and the admission history: all their SQL. */
@Injectable()
export class AdmissionsRepository {
  /** Admission writes at one facility go one at a time, so the waiting list is served in order. */
  async lockFacility(m: EntityManager, facilityId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('residential'), hashtext($1))`, [facilityId]);
  }

  async insert(
    m: EntityManager,
    a: {
      residentId: string;
      facilityId: string;
      careType: CareType;
      careLevel: number;
      status: 'waiting' | 'admitted';
      appliedAt: Date;
      admittedAt: Date | null;
      by: string;
    },
  ): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO admissions (resident_id, facility_id, care_type, care_level, status, applied_at, admitted_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [a.residentId, a.facilityId, a.careType, a.careLevel, a.status, a.appliedAt, a.admittedAt, a.by],
    );
    return id;
  }

  async facilityOf(m: EntityManager, id: string): Promise<string | undefined> {
    const rows = await m.query<{ facility_id: string }[]>('SELECT facility_id FROM admissions WHERE id = $1', [id]);
    return rows[0]?.facility_id;
  }

  async lock(m: EntityManager, id: string): Promise<AdmissionRow | undefined> {
    const rows = await m.query<RawAdmission[]>(`SELECT ${ADMISSION_COLUMNS} FROM admissions a WHERE a.id = $1 FOR UPDATE`, [id]);
    return rows[0] && toRow(rows[0]);
  }

  async markAdmitted(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE admissions SET status = 'admitted', admitted_at = $2 WHERE id = $1`, [id, at]);
  }

  async markDischarged(m: EntityManager, id: string, at: Date, reason: DischargeReason): Promise<void> {
    await m.query(`UPDATE admissions SET status = 'discharged', discharged_at = $2, discharge_reason = $3 WHERE id = $1`, [id, at, reason]);
  }

  async setCareType(m: EntityManager, id: string, careType: CareType): Promise<void> {
    await m.query('UPDATE admissions SET care_type = $2 WHERE id = $1', [id, careType]);
  }

  async occupy(m: EntityManager, bedId: string, admissionId: string, facilityId: string, from: Date): Promise<void> {
    await m.query(
      `INSERT INTO bed_occupancies (bed_id, admission_id, facility_id, during) VALUES ($1, $2, $3, tstzrange($4, NULL, '[)'))`,
      [bedId, admissionId, facilityId, from],
    );
  }

  /** Ends the admission's open occupancy at the given time; returns the bed it held and when it began. */
  async endOccupancy(m: EntityManager, admissionId: string, at: Date): Promise<{ bedId: string; since: Date } | undefined> {
    const rows = await m.query<[{ bed_id: string; since: Date }[], number]>(
      `UPDATE bed_occupancies SET during = tstzrange(lower(during), $2, '[)')
        WHERE admission_id = $1 AND upper_inf(during) AND lower(during) < $2
        RETURNING bed_id, lower(during) AS since`,
      [admissionId, at],
    );
    const row = rows[0][0];
    return row && { bedId: row.bed_id, since: row.since };
  }

  async openOccupancy(m: EntityManager, admissionId: string): Promise<{ bedId: string; since: Date } | undefined> {
    const rows = await m.query<{ bed_id: string; since: Date }[]>(
      `SELECT bed_id, lower(during) AS since FROM bed_occupancies WHERE admission_id = $1 AND upper_inf(during)`,
      [admissionId],
    );
    return rows[0] && { bedId: rows[0].bed_id, since: rows[0].since };
  }

  async history(
    m: EntityManager,
    admissionId: string,
    e: { event: Event; at: Date; bedId?: string | null; reason?: string | null; by: string | null },
  ): Promise<void> {
    await m.query(`INSERT INTO admission_history (admission_id, event, at, bed_id, reason, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      admissionId,
      e.event,
      e.at,
      e.bedId ?? null,
      e.reason ?? null,
      e.by,
    ]);
  }

  async hasOpenAdmission(m: EntityManager, residentId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM admissions WHERE resident_id = $1 AND status IN ('waiting', 'admitted')`, [
      residentId,
    ]);
    return rows.length > 0;
  }

  /** The facility's waiting list, locked so a promotion takes each entry once. */
  async waiting(m: EntityManager, facilityId: string, forUpdate = false): Promise<WaitingRow[]> {
    const rows = await m.query<WaitingApplicationRow[]>(
      `SELECT a.id, a.resident_id, r.name, a.care_type, a.care_level, r.subsidy_category, a.applied_at
         FROM admissions a JOIN residents r ON r.id = a.resident_id
        WHERE a.facility_id = $1 AND a.status = 'waiting'${forUpdate ? ' FOR UPDATE OF a' : ''}`,
      [facilityId],
    );
    return rows.map((r) => ({
      id: r.id,
      residentId: r.resident_id,
      residentName: r.name,
      careType: r.care_type,
      careLevel: r.care_level,
      subsidyCategory: r.subsidy_category,
      waitingSince: r.applied_at.getTime(),
    }));
  }

  async find(m: EntityManager, ids: string[]): Promise<AdmissionDto[]> {
    if (ids.length === 0) return [];
    const rows = await m.query<AdmissionDetailRow[]>(
      `SELECT a.id, a.resident_id, r.name AS resident_name, a.facility_id, a.care_type, a.care_level, a.status, a.applied_at, a.admitted_at,
              a.discharged_at, a.discharge_reason, o.bed_id, b.code AS bed_code
         FROM admissions a JOIN residents r ON r.id = a.resident_id
         LEFT JOIN LATERAL (SELECT bed_id FROM bed_occupancies WHERE admission_id = a.id ORDER BY lower(during) DESC LIMIT 1) o ON true
         LEFT JOIN beds b ON b.id = o.bed_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const events = await m.query<AdmissionEventRow[]>(
      `SELECT admission_id, event, at, bed_id, reason, actor_id FROM admission_history WHERE admission_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    const byAdmission = new Map<string, AdmissionEventDto[]>();
    for (const e of events) {
      const list = byAdmission.get(e.admission_id) ?? [];
      list.push({ event: e.event, at: toShanghaiIso(e.at.getTime()), bedId: e.bed_id, reason: e.reason, byUserId: e.actor_id });
      byAdmission.set(e.admission_id, list);
    }
    const found = new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          residentId: r.resident_id,
          residentName: r.resident_name,
          facilityId: r.facility_id,
          careType: r.care_type,
          careLevel: r.care_level,
          status: r.status,
          bedId: r.bed_id,
          bedCode: r.bed_code,
          from: r.admitted_at ? toShanghaiIso(r.admitted_at.getTime()) : null,
          waitingSince: toShanghaiIso(r.applied_at.getTime()),
          dischargedAt: r.discharged_at ? toShanghaiIso(r.discharged_at.getTime()) : null,
          dischargeReason: r.discharge_reason,
          history: byAdmission.get(r.id) ?? [],
        } satisfies AdmissionDto,
      ]),
    );
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async list(m: EntityManager, q: AdmissionQuery): Promise<{ ids: string[]; total: number }> {
    const where = `($1::uuid IS NULL OR a.facility_id = $1) AND ($2::text IS NULL OR a.status = $2) AND ($3::uuid IS NULL OR a.resident_id = $3)`;
    const params = [q.facilityId ?? null, q.status ?? null, q.residentId ?? null];
    const [{ total }] = await m.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM admissions a WHERE ${where}`, params);
    const rows = await m.query<{ id: string }[]>(
      `SELECT a.id FROM admissions a WHERE ${where} ORDER BY a.applied_at DESC, a.id LIMIT $4 OFFSET $5`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { ids: rows.map((r) => r.id), total };
  }

  /** The resident's care level; undefined when no such resident. */
  async careLevelOf(m: EntityManager, residentId: string): Promise<number | undefined> {
    const rows = await m.query<{ care_level: number }[]>('SELECT id, care_level FROM residents WHERE id = $1', [residentId]);
    return rows[0]?.care_level;
  }

  /** Occupancies overlapping [start, end), cut to it, of one resident or at one facility (or all), by resident and start. */
  async occupancySegments(
    m: EntityManager,
    start: Date,
    end: Date,
    only: { residentId?: string; facilityId?: string },
  ): Promise<OccupancySegmentRow[]> {
    return m.query<OccupancySegmentRow[]>(
      `SELECT a.resident_id, r.name AS resident_name, r.subsidy_category, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date,
              a.id AS admission_id, o.facility_id, f.name AS facility_name, f.district AS facility_district, o.bed_id, b.code AS bed_code, b.care_type, rr.monthly_fen,
              greatest(lower(o.during), $1) AS s, least(coalesce(upper(o.during), $2), $2) AS e
         FROM bed_occupancies o
         JOIN admissions a ON a.id = o.admission_id
         JOIN residents r ON r.id = a.resident_id
         JOIN beds b ON b.id = o.bed_id
         JOIN facilities f ON f.id = o.facility_id
         JOIN residential_rates rr ON rr.care_type = b.care_type
        WHERE o.during && tstzrange($1, $2) AND ($3::uuid IS NULL OR a.resident_id = $3) AND ($4::uuid IS NULL OR o.facility_id = $4)
        ORDER BY a.resident_id, lower(o.during)`,
      [start, end, only.residentId ?? null, only.facilityId ?? null],
    );
  }
}
