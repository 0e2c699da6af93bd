/**
 * Turns the rows of one facility's day into an engine instance: which orders are open to
 * (re)assignment, what time each caregiver still has around visits that stay where they are,
 * and who should come first when not every order fits. Plain functions, no I/O.
 */
import type { CaregiverInput, Instance, OrderInput } from './engine/index.js';
import { toShanghaiIso } from '../common/shanghai-time.js';

export interface CaregiverRow {
  id: string;
  skills: string[];
  level: number;
  home_lat: number;
  home_lng: number;
  max_weekly_minutes: number;
  /** Minutes assigned this week outside the orders being planned. */
  week_minutes_kept: number;
}

export interface ShiftRow {
  caregiver_id: string;
  start: Date;
  end: Date;
}

export interface OrderRowForPlan {
  id: string;
  resident_id: string;
  required_skill: string;
  min_caregiver_level: number;
  lat: number;
  lng: number;
  slot_start: Date;
  slot_end: Date;
  duration_minutes: number;
  care_level: number;
  subsidy_category: string;
  usual_caregiver_id: string | null;
}

/** A visit that stays where it is in this run (under way, inside the freeze window, or a staff override). */
export interface KeptVisitRow {
  caregiver_id: string;
  planned_start: Date;
  planned_end: Date;
}

export interface PlanSettings {
  speedKmh: number;
  /** A visit may start this many minutes after its slot starts (and end as much later). */
  windowSlackMinutes: number;
  /** Time kept free after a visit that stays, for the way to the next one (its place is not modelled). */
  bufferAfterKeptMinutes: number;
}

/** Extreme hardship first, then high care levels, then minimum income (应保尽保). */
export function priorityOf(careLevel: number, subsidyCategory: string): number {
  if (subsidyCategory === 'tekun') return 3;
  if (careLevel >= 3) return 2;
  if (subsidyCategory === 'dibao' || subsidyCategory === 'dibao_edge') return 1;
  return 0;
}

interface Span {
  start: number;
  end: number;
}

/** A shift minus the visits that stay, each followed by a buffer for the way on. */
export function freeSpans(shift: Span, kept: Span[], bufferMs: number): Span[] {
  let pieces: Span[] = [shift];
  for (const k of kept) {
    const cut = { start: k.start, end: k.end + bufferMs };
    pieces = pieces.flatMap((p) => {
      if (cut.end <= p.start || cut.start >= p.end) return [p];
      const out: Span[] = [];
      if (p.start < cut.start) out.push({ start: p.start, end: cut.start });
      if (cut.end < p.end) out.push({ start: cut.end, end: p.end });
      return out;
    });
  }
  return pieces.filter((p) => p.end - p.start >= 15 * 60_000);
}

export function buildInstance(
  caregivers: CaregiverRow[],
  shifts: ShiftRow[],
  kept: KeptVisitRow[],
  orders: OrderRowForPlan[],
  s: PlanSettings,
): Instance {
  const bufferMs = s.bufferAfterKeptMinutes * 60_000;
  const caregiverInputs: CaregiverInput[] = caregivers.map((c) => {
    const keptSpans = kept
      .filter((k) => k.caregiver_id === c.id)
      .map((k) => ({ start: k.planned_start.getTime(), end: k.planned_end.getTime() }));
    const spans = shifts
      .filter((sh) => sh.caregiver_id === c.id)
      .flatMap((sh) => freeSpans({ start: sh.start.getTime(), end: sh.end.getTime() }, keptSpans, bufferMs));
    return {
      id: c.id,
      skills: c.skills,
      level: c.level,
      location: { lat: c.home_lat, lng: c.home_lng },
      shifts: spans.map((p) => ({ start: toShanghaiIso(p.start), end: toShanghaiIso(p.end) })),
      weeklyMinutesLeft: Math.max(0, c.max_weekly_minutes - c.week_minutes_kept),
    };
  });
  const orderInputs: OrderInput[] = orders.map((o) => ({
    id: o.id,
    skill: o.required_skill,
    minLevel: o.min_caregiver_level,
    location: { lat: o.lat, lng: o.lng },
    windowStart: toShanghaiIso(o.slot_start.getTime()),
    windowEnd: toShanghaiIso(o.slot_end.getTime() + s.windowSlackMinutes * 60_000),
    durationMinutes: o.duration_minutes,
    preferredCaregiverId: o.usual_caregiver_id,
    priority: priorityOf(o.care_level, o.subsidy_category),
    residentId: o.resident_id,
  }));
  return { travel: { speedKmh: s.speedKmh }, caregivers: caregiverInputs.filter((c) => c.shifts.length > 0), orders: orderInputs };
}
