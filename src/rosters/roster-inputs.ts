import type { OpeningHours, SeatSetting, ServiceSpec } from './capacity-rule.js';
import type { CapacityFacilityRow, OfferedServiceRow, SeatRow } from './slots.repository.js';
import type { CaregiverSpanRow, RosteredCaregiverRow, ShiftSpanRow, SpanRow, TemplateLineRow } from './shifts.repository.js';
import type { CaregiverInterval, TemplateEntry } from './template-expansion.js';

/** What one facility's capacity run reads, in the shapes the planners take (rows come from the repositories). */
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

/** A range's bounds as the repositories return them (milliseconds, as bigint text). */
export function spanOf(r: SpanRow): { start: number; end: number } {
  return { start: Number(r.start_ms), end: Number(r.end_ms) };
}

export const toFacility = (r: CapacityFacilityRow): FacilityRow => ({ id: r.id, active: r.active, openingHours: r.opening_hours });

export const toCaregiver = (r: RosteredCaregiverRow): CaregiverRow => ({
  id: r.id,
  skills: r.skills,
  level: r.level,
  maxWeeklyMinutes: r.max_weekly_minutes,
  active: r.active,
});

export const toTemplateEntry = (r: TemplateLineRow): TemplateEntry => ({
  id: r.id,
  caregiverId: r.caregiver_id,
  weekday: r.weekday,
  startMinute: r.start_minute,
  endMinute: r.end_minute,
});

export const toShift = (r: ShiftSpanRow): ShiftRow => ({
  id: r.id,
  caregiverId: r.caregiver_id,
  facilityId: r.facility_id,
  source: r.source,
  templateId: r.template_id,
  ...spanOf(r),
});

export const toLeave = (r: CaregiverSpanRow): CaregiverInterval => ({ caregiverId: r.caregiver_id, ...spanOf(r) });

export const toService = (r: OfferedServiceRow): ServiceSpec => ({
  code: r.code,
  category: r.category,
  place: r.place,
  durationMinutes: r.duration_minutes,
  requiredSkill: r.required_skill,
  minCaregiverLevel: r.min_caregiver_level,
});

export const toSeat = (r: SeatRow): SeatSetting => ({ serviceCode: r.service_code, sitting: r.sitting, seats: r.seats });
