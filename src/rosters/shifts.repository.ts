import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OpeningHours } from './capacity-rule.js';

/** A shift with its caregiver's name, as the roster shows it. */
export interface ShiftRow {
  id: string;
  caregiver_id: string;
  caregiver_name: string;
  facility_id: string;
  source: 'manual' | 'template';
  template_id: string | null;
  start_ms: string;
  end_ms: string;
}

/** A shift read for a capacity run or cut by leave. */
export interface ShiftSpanRow {
  id: string;
  caregiver_id: string;
  facility_id: string;
  source: 'manual' | 'template';
  template_id: string | null;
  created_by: string | null;
  start_ms: string;
  end_ms: string;
}

export interface SpanRow {
  start_ms: string;
  end_ms: string;
}

export interface CaregiverSpanRow extends SpanRow {
  caregiver_id: string;
}

export interface LeaveRow extends CaregiverSpanRow {
  id: string;
  caregiver_name: string;
  reason: string;
}

export interface ShiftCaregiverRow {
  id: string;
  name: string;
  facility_id: string;
  active: boolean;
  max_weekly_minutes: number;
}

export interface RosteredCaregiverRow {
  id: string;
  skills: string[];
  level: number;
  max_weekly_minutes: number;
  active: boolean;
}

export interface TemplateLineRow {
  id: string;
  caregiver_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface TemplateEntryRow {
  id: string;
  caregiver_id: string;
  weekday: number;
  start: string;
  end: string;
}

export interface DemoFacilityRow {
  id: string;
  type: string;
  opening_hours: OpeningHours;
  has_template: boolean;
}

/** A line of a weekly template to write: times as 'HH:MM'. */
export interface NewTemplateLine {
  caregiverId: string;
  weekday: number;
  start: string;
  end: string;
}

/** A template shift the capacity run adds. */
export interface NewTemplateShift {
  caregiverId: string;
  templateId: string;
  start: number;
  end: number;
}

/** Milliseconds since the epoch of a range's bounds, as `start_ms` and `end_ms`. */
const SPAN = (range: string) =>
  `(extract(epoch FROM lower(${range})) * 1000)::bigint AS start_ms, (extract(epoch FROM upper(${range})) * 1000)::bigint AS end_ms`;

const SHIFT_COLUMNS = `s.id, s.caregiver_id, c.name AS caregiver_name, s.facility_id, s.source, s.template_id, ${SPAN('s.during')}`;

/**
 * Shifts, leave and weekly roster templates (with the day edits that keep a template off a day),
 * and the caregiver rows whose lock serialises every shift write of one caregiver.
 */
@Injectable()
export class ShiftsRepository {
  constructor(private readonly db: DataSource) {}

  // --- caregivers, as rostering reads and locks them

  /** Locks the caregiver's row: shift and leave writes for one caregiver wait for each other, so limits hold. */
  async lockCaregiver(m: EntityManager, caregiverId: string): Promise<ShiftCaregiverRow | undefined> {
    const rows = await m.query<ShiftCaregiverRow[]>(
      'SELECT id, name, facility_id, active, max_weekly_minutes FROM caregivers WHERE id = $1 FOR UPDATE',
      [caregiverId],
    );
    return rows[0];
  }

  /** Locks the facility's caregivers, in id order (as every writer takes them). */
  async lockCaregiversOf(m: EntityManager, facilityId: string): Promise<RosteredCaregiverRow[]> {
    return m.query<RosteredCaregiverRow[]>(
      'SELECT id, skills, level, max_weekly_minutes, active FROM caregivers WHERE facility_id = $1 ORDER BY id FOR UPDATE',
      [facilityId],
    );
  }

  /** Those of `ids` who are active caregivers of the facility. */
  async activeCaregiversAmong(
    m: EntityManager,
    facilityId: string,
    ids: string[],
  ): Promise<Pick<ShiftCaregiverRow, 'id' | 'name' | 'max_weekly_minutes'>[]> {
    return m.query<Pick<ShiftCaregiverRow, 'id' | 'name' | 'max_weekly_minutes'>[]>(
      'SELECT id, name, max_weekly_minutes FROM caregivers WHERE id = ANY($1::uuid[]) AND facility_id = $2 AND active',
      [ids, facilityId],
    );
  }

  async activeCaregiversOf(facilityId: string): Promise<Pick<ShiftCaregiverRow, 'id' | 'max_weekly_minutes'>[]> {
    return this.db.query<Pick<ShiftCaregiverRow, 'id' | 'max_weekly_minutes'>[]>(
      'SELECT id, max_weekly_minutes FROM caregivers WHERE facility_id = $1 AND active ORDER BY id',
      [facilityId],
    );
  }

  // --- shifts

  async placeOf(shiftId: string): Promise<{ caregiver_id: string; facility_id: string } | undefined> {
    const rows = await this.db.query<{ caregiver_id: string; facility_id: string }[]>(
      'SELECT caregiver_id, facility_id FROM shifts WHERE id = $1',
      [shiftId],
    );
    return rows[0];
  }

  async find(m: EntityManager, shiftId: string): Promise<ShiftRow | undefined> {
    const rows = await m.query<ShiftRow[]>(
      `SELECT ${SHIFT_COLUMNS} FROM shifts s JOIN caregivers c ON c.id = s.caregiver_id WHERE s.id = $1`,
      [shiftId],
    );
    return rows[0];
  }

  /** The facility's shifts that touch [from, to), in the roster's order. */
  async atFacility(facilityId: string, from: Date, to: Date): Promise<ShiftRow[]> {
    return this.db.query<ShiftRow[]>(
      `SELECT ${SHIFT_COLUMNS} FROM shifts s JOIN caregivers c ON c.id = s.caregiver_id
        WHERE s.facility_id = $1 AND s.during && tstzrange($2, $3) ORDER BY lower(s.during), c.name, s.id`,
      [facilityId, from, to],
    );
  }

  async insertManual(m: EntityManager, caregiverId: string, facilityId: string, start: Date, end: Date, by: string): Promise<ShiftRow> {
    const [row] = await m.query<ShiftRow[]>(
      `WITH s AS (
         INSERT INTO shifts (caregiver_id, facility_id, during, source, created_by)
         VALUES ($1, $2, tstzrange($3, $4, '[)'), 'manual', $5) RETURNING *)
       SELECT ${SHIFT_COLUMNS} FROM s JOIN caregivers c ON c.id = s.caregiver_id`,
      [caregiverId, facilityId, start, end, by],
    );
    return row;
  }

  /**
   * A shift added by hand wins over the template: the caregiver's future template shifts that
   * overlap it, or start on its day ([dayFrom, dayTo)), go.
   */
  async removeTemplateShiftsReplacedBy(
    m: EntityManager,
    caregiverId: string,
    start: Date,
    end: Date,
    dayFrom: Date,
    dayTo: Date,
  ): Promise<void> {
    await m.query(
      `DELETE FROM shifts WHERE caregiver_id = $1 AND source = 'template' AND lower(during) >= now()
          AND (during && tstzrange($2, $3) OR lower(during) >= $4 AND lower(during) < $5)`,
      [caregiverId, start, end, dayFrom, dayTo],
    );
  }

  /** The caregiver's shifts starting in [from, to). */
  async startingBetween(m: EntityManager, caregiverId: string, from: Date, to: Date): Promise<SpanRow[]> {
    return m.query<SpanRow[]>(
      `SELECT ${SPAN('during')} FROM shifts WHERE caregiver_id = $1 AND lower(during) >= $2 AND lower(during) < $3`,
      [caregiverId, from, to],
    );
  }

  /** Shifts at the facility or of its caregivers that touch [from, to). */
  async touching(m: EntityManager, facilityId: string, caregiverIds: string[], from: Date, to: Date): Promise<ShiftSpanRow[]> {
    return m.query<ShiftSpanRow[]>(
      `SELECT id, caregiver_id, facility_id, source, template_id, created_by, ${SPAN('during')}
         FROM shifts
        WHERE (facility_id = $1 OR caregiver_id = ANY($2::uuid[])) AND during && tstzrange($3, $4)`,
      [facilityId, caregiverIds, from, to],
    );
  }

  /** The caregiver's shifts that touch [from, to), locked, in time order. */
  async lockOfCaregiverTouching(m: EntityManager, caregiverId: string, from: Date, to: Date): Promise<ShiftSpanRow[]> {
    return m.query<ShiftSpanRow[]>(
      `SELECT id, caregiver_id, facility_id, source, template_id, created_by, ${SPAN('during')}
         FROM shifts WHERE caregiver_id = $1 AND during && tstzrange($2, $3) ORDER BY lower(during) FOR UPDATE`,
      [caregiverId, from, to],
    );
  }

  async remove(m: EntityManager, shiftIds: string[]): Promise<void> {
    await m.query('DELETE FROM shifts WHERE id = ANY($1::uuid[])', [shiftIds]);
  }

  async setSpan(m: EntityManager, shiftId: string, start: Date, end: Date): Promise<void> {
    await m.query(`UPDATE shifts SET during = tstzrange($2, $3, '[)') WHERE id = $1`, [shiftId, start, end]);
  }

  /** A copy of `shift` over [start, end): what is left of a shift that leave cuts in two. */
  async insertPiece(m: EntityManager, shift: ShiftSpanRow, start: Date, end: Date): Promise<void> {
    await m.query(
      `INSERT INTO shifts (caregiver_id, facility_id, during, source, template_id, created_by) VALUES ($1, $2, tstzrange($3, $4, '[)'), $5, $6, $7)`,
      [shift.caregiver_id, shift.facility_id, start, end, shift.source, shift.template_id, shift.created_by],
    );
  }

  async insertTemplateShifts(m: EntityManager, facilityId: string, shifts: NewTemplateShift[]): Promise<void> {
    await m.query(
      `INSERT INTO shifts (caregiver_id, facility_id, during, source, template_id)
       SELECT c, $1, tstzrange(s, e, '[)'), 'template', t
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::uuid[]) AS u(c, s, e, t)`,
      [
        facilityId,
        shifts.map((s) => s.caregiverId),
        shifts.map((s) => new Date(s.start)),
        shifts.map((s) => new Date(s.end)),
        shifts.map((s) => s.templateId),
      ],
    );
  }

  // --- day edits

  /** Marks a caregiver's day as edited by hand: the template no longer fills it. */
  async markDayEdited(m: EntityManager, caregiverId: string, day: string, by: string): Promise<void> {
    await m.query(
      `INSERT INTO roster_day_edits (caregiver_id, day, edited_by) VALUES ($1, $2, $3)
       ON CONFLICT (caregiver_id, day) DO UPDATE SET edited_by = EXCLUDED.edited_by, edited_at = now()`,
      [caregiverId, day, by],
    );
  }

  async editedDays(m: EntityManager, caregiverIds: string[], from: string, to: string): Promise<{ caregiver_id: string; day: string }[]> {
    return m.query<{ caregiver_id: string; day: string }[]>(
      `SELECT caregiver_id, to_char(day, 'YYYY-MM-DD') AS day FROM roster_day_edits WHERE caregiver_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3`,
      [caregiverIds, from, to],
    );
  }

  // --- leave

  async onLeaveDuring(m: EntityManager, caregiverId: string, start: Date, end: Date): Promise<boolean> {
    const rows = await m.query<unknown[]>('SELECT 1 FROM leaves WHERE caregiver_id = $1 AND during && tstzrange($2, $3) LIMIT 1', [
      caregiverId,
      start,
      end,
    ]);
    return rows.length > 0;
  }

  async insertLeave(m: EntityManager, caregiverId: string, start: Date, end: Date, reason: string, by: string): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO leaves (caregiver_id, during, reason, created_by) VALUES ($1, tstzrange($2, $3, '[)'), $4, $5) RETURNING id`,
      [caregiverId, start, end, reason, by],
    );
    return id;
  }

  /** Leave of the facility's caregivers that touches [from, to), in the roster's order. */
  async leavesAtFacility(facilityId: string, from: Date, to: Date): Promise<LeaveRow[]> {
    return this.db.query<LeaveRow[]>(
      `SELECT l.id, l.caregiver_id, c.name AS caregiver_name, l.reason, ${SPAN('l.during')}
         FROM leaves l JOIN caregivers c ON c.id = l.caregiver_id
        WHERE c.facility_id = $1 AND l.during && tstzrange($2, $3) ORDER BY lower(l.during), c.name`,
      [facilityId, from, to],
    );
  }

  async leavesOf(m: EntityManager, caregiverIds: string[], from: Date, to: Date): Promise<CaregiverSpanRow[]> {
    return m.query<CaregiverSpanRow[]>(
      `SELECT caregiver_id, ${SPAN('during')} FROM leaves WHERE caregiver_id = ANY($1::uuid[]) AND during && tstzrange($2, $3)`,
      [caregiverIds, from, to],
    );
  }

  // --- weekly templates

  /** The facility's template lines as the capacity run expands them (minutes of the day). */
  async templateLines(m: EntityManager, facilityId: string): Promise<TemplateLineRow[]> {
    return m.query<TemplateLineRow[]>(
      `SELECT id, caregiver_id, weekday,
              extract(epoch FROM start_time)::int / 60 AS start_minute, extract(epoch FROM end_time)::int / 60 AS end_minute
         FROM roster_templates WHERE facility_id = $1`,
      [facilityId],
    );
  }

  /** The facility's template lines as staff read them ('HH:MM'), by weekday, time and caregiver. */
  async templateEntries(m: EntityManager, facilityId: string): Promise<TemplateEntryRow[]> {
    return m.query<TemplateEntryRow[]>(
      `SELECT t.id, t.caregiver_id, t.weekday, to_char(t.start_time, 'HH24:MI') AS start, to_char(t.end_time, 'HH24:MI') AS "end"
         FROM roster_templates t JOIN caregivers c ON c.id = t.caregiver_id
        WHERE t.facility_id = $1 ORDER BY t.weekday, t.start_time, c.name, t.id`,
      [facilityId],
    );
  }

  async removeTemplateEntries(m: EntityManager, ids: string[]): Promise<void> {
    await m.query('DELETE FROM roster_templates WHERE id = ANY($1::uuid[])', [ids]);
  }

  async insertTemplateEntries(m: EntityManager, facilityId: string, lines: NewTemplateLine[]): Promise<void> {
    await m.query(
      `INSERT INTO roster_templates (facility_id, caregiver_id, weekday, start_time, end_time)
       SELECT $1, c, w, s::time, e::time FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS u(c, w, s, e)`,
      [facilityId, lines.map((e) => e.caregiverId), lines.map((e) => e.weekday), lines.map((e) => e.start), lines.map((e) => e.end)],
    );
  }

  /** Active facilities by code, with whether each has a weekly template yet (the demo city's seeding). */
  async activeFacilitiesForDemo(): Promise<DemoFacilityRow[]> {
    return this.db.query<DemoFacilityRow[]>(
      `SELECT f.id, f.type, f.opening_hours, EXISTS (SELECT 1 FROM roster_templates t WHERE t.facility_id = f.id) AS has_template
         FROM facilities f WHERE f.active ORDER BY f.code`,
    );
  }
}
