import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { WeekdayPlacesDto } from './dto/day-places.dto.js';

export interface EnrolmentRow {
  id: string;
  facilityId: string;
  residentId: string;
  weekdays: number[];
  active: boolean;
}

interface RawEnrolment {
  id: string;
  facility_id: string;
  resident_id: string;
  weekdays: number[];
  active: boolean;
}
const toEnrolment = (r: RawEnrolment): EnrolmentRow => ({
  id: r.id,
  facilityId: r.facility_id,
  residentId: r.resident_id,
  weekdays: r.weekdays,
  active: r.active,
});

/** A senior's attendance record of a day, with their name. */
export interface AttendanceRecordRow {
  resident_id: string;
  name: string;
  arrived_at: Date | null;
  left_at: Date | null;
  method: string;
}

/** An enrolled senior who did not arrive on a day their site is open and already closed. */
export interface NoShowRow {
  facility_id: string;
  facility_name: string;
  resident_id: string;
  resident_name: string;
}

/** Day places per weekday, enrolments and attendance: their SQL. */
@Injectable()
export class DayPlacesRepository {
  constructor(private readonly db: DataSource) {}

  /** Sets every weekday's places; the CHECK refuses fewer places than seniors enrolled. */
  async setPlaces(m: EntityManager, facilityId: string, places: number): Promise<void> {
    await m.query(
      `INSERT INTO day_places (facility_id, weekday, places) SELECT $1, d, $2 FROM generate_series(1, 7) d
       ON CONFLICT (facility_id, weekday) DO UPDATE SET places = EXCLUDED.places`,
      [facilityId, places],
    );
  }

  async weekdays(m: EntityManager, facilityId: string): Promise<WeekdayPlacesDto[]> {
    return await m.query<WeekdayPlacesDto[]>('SELECT weekday, places, enrolled FROM day_places WHERE facility_id = $1 ORDER BY weekday', [
      facilityId,
    ]);
  }

  /**
   * Takes one place on each weekday, in weekday order (so two enrolments never wait on each other
   * crosswise); false when a weekday has no places set. A full weekday breaks the CHECK: 409.
   */
  async takePlaces(m: EntityManager, facilityId: string, weekdays: number[], delta: 1 | -1): Promise<boolean> {
    for (const weekday of [...weekdays].sort((a, b) => a - b)) {
      const result = await m.query<[unknown[], number]>(
        'UPDATE day_places SET enrolled = enrolled + $3 WHERE facility_id = $1 AND weekday = $2 RETURNING weekday',
        [facilityId, weekday, delta],
      );
      if (result[1] === 0) return false;
    }
    return true;
  }

  async insertEnrolment(m: EntityManager, facilityId: string, residentId: string, weekdays: number[], by: string): Promise<EnrolmentRow> {
    const [r] = await m.query<RawEnrolment[]>(
      `INSERT INTO enrolments (facility_id, resident_id, weekdays, created_by) VALUES ($1, $2, $3::smallint[], $4) RETURNING id, facility_id, resident_id, weekdays, active`,
      [facilityId, residentId, weekdays, by],
    );
    return toEnrolment(r);
  }

  async lockEnrolment(m: EntityManager, id: string): Promise<EnrolmentRow | undefined> {
    const rows = await m.query<RawEnrolment[]>(
      'SELECT id, facility_id, resident_id, weekdays, active FROM enrolments WHERE id = $1 FOR UPDATE',
      [id],
    );
    return rows[0] && toEnrolment(rows[0]);
  }

  async endEnrolment(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE enrolments SET active = false, ended_at = now() WHERE id = $1', [id]);
  }

  /** The active enrolments of a facility for a weekday, with names. */
  async enrolledOn(m: EntityManager, facilityId: string, weekday: number): Promise<{ residentId: string; residentName: string }[]> {
    const rows = await m.query<{ resident_id: string; name: string }[]>(
      `SELECT e.resident_id, r.name FROM enrolments e JOIN residents r ON r.id = e.resident_id
        WHERE e.facility_id = $1 AND e.active AND $2 = ANY(e.weekdays) ORDER BY r.name, e.resident_id`,
      [facilityId, weekday],
    );
    return rows.map((r) => ({ residentId: r.resident_id, residentName: r.name }));
  }

  async isEnrolled(m: EntityManager, facilityId: string, residentId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>('SELECT 1 FROM enrolments WHERE facility_id = $1 AND resident_id = $2 AND active', [
      facilityId,
      residentId,
    ]);
    return rows.length > 0;
  }

  async activeResidents(m: EntityManager, facilityId: string): Promise<string[]> {
    const rows = await m.query<{ resident_id: string }[]>(
      'SELECT resident_id FROM enrolments WHERE facility_id = $1 AND active ORDER BY resident_id',
      [facilityId],
    );
    return rows.map((r) => r.resident_id);
  }

  async recordAttendance(
    m: EntityManager,
    a: {
      facilityId: string;
      residentId: string;
      day: string;
      arrivedAt: Date | null;
      leftAt: Date | null;
      method: 'staff' | 'card';
      by: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO attendance (facility_id, resident_id, day, arrived_at, left_at, method, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (facility_id, resident_id, day) DO UPDATE
         SET arrived_at = coalesce(EXCLUDED.arrived_at, attendance.arrived_at), left_at = coalesce(EXCLUDED.left_at, attendance.left_at),
             recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [a.facilityId, a.residentId, a.day, a.arrivedAt, a.leftAt, a.method, a.by],
    );
  }

  async attendanceOf(m: EntityManager, facilityId: string, day: string): Promise<AttendanceRecordRow[]> {
    return m.query<AttendanceRecordRow[]>(
      `SELECT a.resident_id, r.name, a.arrived_at, a.left_at, a.method FROM attendance a JOIN residents r ON r.id = a.resident_id
        WHERE a.facility_id = $1 AND a.day = $2 ORDER BY a.arrived_at NULLS LAST, r.name`,
      [facilityId, day],
    );
  }

  async arrivedAtSoFar(m: EntityManager, facilityId: string, residentId: string, day: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      'SELECT 1 FROM attendance WHERE facility_id = $1 AND resident_id = $2 AND day = $3 AND arrived_at IS NOT NULL',
      [facilityId, residentId, day],
    );
    return rows.length > 0;
  }

  /** Whether the resident is in the registry. */
  async residentExists(m: EntityManager, residentId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>('SELECT 1 FROM residents WHERE id = $1', [residentId]);
    return rows.length > 0;
  }

  /**
   * The seniors enrolled for `weekday` since before `dayStart` (active enrolments) who have not
   * arrived on `date`, at sites open that weekday whose closing time is at or before `clock`.
   */
  async noShows(weekday: number, dayStart: Date, clock: string, date: string): Promise<NoShowRow[]> {
    return this.db.query<NoShowRow[]>(
      `SELECT e.facility_id, f.name AS facility_name, e.resident_id, r.name AS resident_name
         FROM enrolments e JOIN facilities f ON f.id = e.facility_id JOIN residents r ON r.id = e.resident_id
        WHERE e.active AND $1 = ANY(e.weekdays) AND e.created_at < $2
          AND f.opening_hours->'weekdays' @> to_jsonb($1::int) AND f.opening_hours->>'close' <= $3
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.facility_id = e.facility_id AND a.resident_id = e.resident_id AND a.day = $4 AND a.arrived_at IS NOT NULL)
        ORDER BY e.facility_id, e.resident_id`,
      [weekday, dayStart, clock, date],
    );
  }

  /** Claims the follow-up of a no-show: true for the one caller that wrote the claim, false if it was there. */
  async claimFollowUp(m: EntityManager, facilityId: string, residentId: string, day: string): Promise<boolean> {
    const claimed = await m.query<unknown[]>(
      `INSERT INTO attendance_follow_ups (facility_id, resident_id, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING day`,
      [facilityId, residentId, day],
    );
    return claimed.length > 0;
  }
}
