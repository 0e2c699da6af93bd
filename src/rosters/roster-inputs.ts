import type { EntityManager } from 'typeorm';
import type { OpeningHours, Sitting, ServiceSpec, SeatSetting } from './capacity-rule.js';
import type { CaregiverInterval, TemplateEntry } from './template-expansion.js';

/** Rows read for one facility's capacity run; SQL kept here so the service reads as the steps. */
export interface FacilityRow {
  id: string;
  active: boolean;
  openingHours: OpeningHours;
}

export interface CaregiverRow {
  id: string;
  skills: string[];
  level: number;
  maxWeeklyMinutes: number;
  active: boolean;
}

export interface ShiftRow extends CaregiverInterval {
  id: string;
  facilityId: string;
  source: 'manual' | 'template';
  templateId: string | null;
}

export async function loadFacility(m: EntityManager, facilityId: string): Promise<FacilityRow | undefined> {
  const rows = (await m.query('SELECT id, active, opening_hours FROM facilities WHERE id = $1', [facilityId])) as {
    id: string;
    active: boolean;
    opening_hours: OpeningHours;
  }[];
  return rows[0] && { id: rows[0].id, active: rows[0].active, openingHours: rows[0].opening_hours };
}

/** Locks the facility's caregivers: shift writes for one of them wait, so limits hold. */
export async function lockCaregivers(m: EntityManager, facilityId: string): Promise<CaregiverRow[]> {
  const rows = (await m.query(
    'SELECT id, skills, level, max_weekly_minutes, active FROM caregivers WHERE facility_id = $1 ORDER BY id FOR UPDATE',
    [facilityId],
  )) as { id: string; skills: string[]; level: number; max_weekly_minutes: number; active: boolean }[];
  return rows.map((r) => ({ id: r.id, skills: r.skills, level: r.level, maxWeeklyMinutes: r.max_weekly_minutes, active: r.active }));
}

export async function loadTemplate(m: EntityManager, facilityId: string): Promise<TemplateEntry[]> {
  const rows = (await m.query(
    `SELECT id, caregiver_id, weekday,
            extract(epoch FROM start_time)::int / 60 AS start_minute, extract(epoch FROM end_time)::int / 60 AS end_minute
       FROM roster_templates WHERE facility_id = $1`,
    [facilityId],
  )) as { id: string; caregiver_id: string; weekday: number; start_minute: number; end_minute: number }[];
  return rows.map((r) => ({ id: r.id, caregiverId: r.caregiver_id, weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute }));
}

/** Shifts at the facility or of its caregivers that touch [from, to). */
export async function loadShifts(m: EntityManager, facilityId: string, caregiverIds: string[], from: number, to: number): Promise<ShiftRow[]> {
  const rows = (await m.query(
    `SELECT id, caregiver_id, facility_id, source, template_id,
            (extract(epoch FROM lower(during)) * 1000)::bigint AS start_ms, (extract(epoch FROM upper(during)) * 1000)::bigint AS end_ms
       FROM shifts
      WHERE (facility_id = $1 OR caregiver_id = ANY($2::uuid[])) AND during && tstzrange($3, $4)`,
    [facilityId, caregiverIds, new Date(from), new Date(to)],
  )) as { id: string; caregiver_id: string; facility_id: string; source: 'manual' | 'template'; template_id: string | null; start_ms: string; end_ms: string }[];
  return rows.map((r) => ({
    id: r.id,
    caregiverId: r.caregiver_id,
    facilityId: r.facility_id,
    source: r.source,
    templateId: r.template_id,
    start: Number(r.start_ms),
    end: Number(r.end_ms),
  }));
}

export async function loadEditedDays(m: EntityManager, caregiverIds: string[], from: string, to: string): Promise<{ caregiverId: string; day: string }[]> {
  const rows = (await m.query(
    `SELECT caregiver_id, to_char(day, 'YYYY-MM-DD') AS day FROM roster_day_edits WHERE caregiver_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3`,
    [caregiverIds, from, to],
  )) as { caregiver_id: string; day: string }[];
  return rows.map((r) => ({ caregiverId: r.caregiver_id, day: r.day }));
}

export async function loadLeaves(m: EntityManager, caregiverIds: string[], from: number, to: number): Promise<CaregiverInterval[]> {
  const rows = (await m.query(
    `SELECT caregiver_id, (extract(epoch FROM lower(during)) * 1000)::bigint AS start_ms, (extract(epoch FROM upper(during)) * 1000)::bigint AS end_ms
       FROM leaves WHERE caregiver_id = ANY($1::uuid[]) AND during && tstzrange($2, $3)`,
    [caregiverIds, new Date(from), new Date(to)],
  )) as { caregiver_id: string; start_ms: string; end_ms: string }[];
  return rows.map((r) => ({ caregiverId: r.caregiver_id, start: Number(r.start_ms), end: Number(r.end_ms) }));
}

export async function loadOfferedServices(m: EntityManager, facilityId: string): Promise<ServiceSpec[]> {
  const rows = (await m.query(
    `SELECT s.code, s.category, s.place, s.duration_minutes, s.required_skill, s.min_caregiver_level
       FROM facility_services fs JOIN services s ON s.code = fs.service_code WHERE fs.facility_id = $1 ORDER BY s.code`,
    [facilityId],
  )) as { code: string; category: string; place: 'home' | 'facility'; duration_minutes: number; required_skill: string; min_caregiver_level: number }[];
  return rows.map((r) => ({
    code: r.code,
    category: r.category,
    place: r.place,
    durationMinutes: r.duration_minutes,
    requiredSkill: r.required_skill,
    minCaregiverLevel: r.min_caregiver_level,
  }));
}

export async function loadSeats(m: EntityManager, facilityId: string): Promise<SeatSetting[]> {
  const rows = (await m.query('SELECT service_code, sitting, seats FROM facility_seats WHERE facility_id = $1', [facilityId])) as {
    service_code: string;
    sitting: Sitting | null;
    seats: number;
  }[];
  return rows.map((r) => ({ serviceCode: r.service_code, sitting: r.sitting, seats: r.seats }));
}
