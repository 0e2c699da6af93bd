import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, DAY_MS, dayStart, shanghaiDate, weekStartOf, type Interval } from '../common/shanghai-time.js';
import { loadPolicy } from '../orders/allowance.js';
import { refreshRollups } from '../reports/rollup-refresh.js';
import { planSlots, type OpeningHours, type PlannedSlot, type SeatSetting } from '../rosters/capacity-rule.js';
import { expandTemplate, type PlannedShift, type TemplateEntry } from '../rosters/template-expansion.js';
import { cols, textArrayLiteral } from './bulk-insert.js';
import {
  planHistory,
  type HistoryCaregiver,
  type HistoryPlan,
  type HistoryResident,
  type HistoryService,
  type HistorySlot,
} from './history-plan.js';
import { SeedRepository } from './seed.repository.js';

const WEEK_MS = 7 * DAY_MS;

export interface HistoryOptions {
  /** Days of history before today (today up to now comes with them). */
  days: number;
  seed: number;
  /** Travel allowance before a home visit, as the capacity job plans it (TRAVEL_ALLOWANCE_MINUTES). */
  travelMinutes: number;
  log: (message: string) => void;
  now?: number;
}

export interface HistorySummary {
  added: boolean;
  days: number;
  shifts: number;
  slots: number;
  orders: number;
  assignments: number;
  visits: number;
  feedback: number;
  seconds: number;
}

/**
 * Gives the demo city a believable recent past: the shifts and slots its roster templates would
 * have made over the last `days` days (and today until now), filled with the residents' orders,
 * visits, cancellations, no-shows, feedback and subsidies (src/seed/history-plan.ts), then the
 * report rollups rebuilt, so every report shows figures on the first start. Once only: a city
 * that already has orders, or slots before today, gets nothing, so running it again adds nothing.
 */
export async function seedHistory(ds: DataSource, options: HistoryOptions): Promise<HistorySummary> {
  const started = performance.now();
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(1));
  const now = options.now ?? Date.now();
  const today = shanghaiDate(now);
  const summary: HistorySummary = {
    added: false,
    days: options.days,
    shifts: 0,
    slots: 0,
    orders: 0,
    assignments: 0,
    visits: 0,
    feedback: 0,
    seconds: 0,
  };
  if (options.days <= 0) return summary;
  const seeds = new SeedRepository(ds);
  const state = await seeds.historyState(new Date(dayStart(today)));
  if (state.orders || state.past) {
    options.log('history: the city already has orders or past slots; none added');
    return summary;
  }
  // Today up to now as well, unless the capacity job has already planned today (then up to midnight).
  const until = state.today ? dayStart(today) : now;
  const firstDay = addDays(today, -options.days);
  const lastDay = shanghaiDate(until - 1);

  const inputs = await loadInputs(seeds);
  const rosters = planRosters(inputs, firstDay, until, options.travelMinutes);
  const { slots, caregivers } = rosters;
  options.log(
    `history: ${firstDay} to ${lastDay} planned: ${rosters.weekShifts.length} shifts and ${rosters.weekSlots.length} slots a week over ${inputs.facilities.length} facilities (${seconds()} s)`,
  );
  const plan = planHistory({
    seed: options.seed,
    firstDay,
    until,
    services: inputs.services,
    slots,
    caregivers,
    residents: inputs.residents,
    policy: await loadPolicy(ds.manager),
  });
  const ids = new Map<string, string>();
  for (const o of plan.orders) {
    let id = ids.get(o.slotId);
    if (!id) {
      const [facilityId, serviceCode, start] = o.slotId.split('|');
      id = historySlotId(facilityId, serviceCode, Number(start));
      ids.set(o.slotId, id);
    }
    o.slotId = id;
  }
  options.log(
    `history: ${plan.orders.length} orders planned for ${inputs.residents.length} residents, ${plan.assignments.length} visits, ${plan.feedback.length} ratings (${seconds()} s)`,
  );

  await ds.transaction(async (m) => {
    ({ shifts: summary.shifts, slots: summary.slots } = await insertRosters(seeds, m, rosters, firstDay, lastDay, until));
    options.log(`history: ${summary.shifts} shifts and ${summary.slots} slots written (${seconds()} s)`);
    summary.orders = await insertOrders(seeds, m, plan);
    options.log(`history: ${summary.orders} orders with their status history written (${seconds()} s)`);
    ({ assignments: summary.assignments, visits: summary.visits, feedback: summary.feedback } = await insertVisits(seeds, m, plan));
    await seeds.writeStatusHistory(m);
    options.log(
      `history: ${summary.assignments} assignments, ${summary.visits} visits, ${summary.feedback} ratings, ${plan.allowance.length} allowance months written (${seconds()} s)`,
    );
  });
  // Fresh statistics for what was just loaded: without them the planner still sees the empty tables
  // of a new database, and the rollups below and the capacity job's first run choose plans for that.
  await seeds.analyzeHistoryTables();
  const rollups = await refreshRollups(ds);
  summary.added = true;
  summary.seconds = seconds();
  options.log(
    `history: report rollups rebuilt for ${rollups.days} facility days and ${rollups.residentMonths} resident months (${summary.seconds} s)`,
  );
  return summary;
}

interface Inputs {
  facilities: { id: string; openingHours: OpeningHours }[];
  services: HistoryService[];
  offered: Map<string, string[]>;
  seats: Map<string, SeatSetting[]>;
  templates: Map<string, TemplateEntry[]>;
  caregivers: { id: string; facilityId: string; skills: string[]; level: number; maxWeeklyMinutes: number }[];
  residents: HistoryResident[];
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

async function loadInputs(seeds: SeedRepository): Promise<Inputs> {
  const facilities = await seeds.activeFacilities();
  const services = await seeds.services();
  const offered = await seeds.facilityServices();
  const seats = await seeds.facilitySeats();
  const templates = await seeds.rosterTemplates();
  const caregivers = await seeds.activeCaregivers();
  const residents = await seeds.bookingResidents();
  return {
    facilities: facilities.map((f) => ({ id: f.id, openingHours: f.opening_hours })),
    services: services.map((s) => ({
      code: s.code,
      category: s.category,
      place: s.place,
      durationMinutes: s.duration_minutes,
      requiredSkill: s.required_skill,
      minCaregiverLevel: s.min_caregiver_level,
      basePriceFen: s.base_price_fen,
    })),
    offered: new Map([...groupBy(offered, (o) => o.facility_id)].map(([k, v]) => [k, v.map((o) => o.service_code)])),
    seats: new Map(
      [...groupBy(seats, (s) => s.facility_id)].map(([k, v]) => [
        k,
        v.map((s) => ({ serviceCode: s.service_code, sitting: s.sitting, seats: s.seats })),
      ]),
    ),
    templates: new Map(
      [...groupBy(templates, (t) => t.facility_id)].map(([k, v]) => [
        k,
        v.map((t) => ({ id: t.id, caregiverId: t.caregiver_id, weekday: t.weekday, startMinute: t.start_minute, endMinute: t.end_minute })),
      ]),
    ),
    caregivers: caregivers.map((c) => ({
      id: c.id,
      facilityId: c.facility_id,
      skills: c.skills,
      level: c.level,
      maxWeeklyMinutes: c.max_weekly_minutes,
    })),
    residents: residents.map((r) => ({
      id: r.id,
      facilityId: r.home_facility_id,
      birthDate: r.birth_date,
      subsidyCategory: r.subsidy_category,
      careLevel: r.care_level,
      lat: r.lat,
      lng: r.lng,
      address: r.address,
      dietaryNeeds: r.dietary_needs,
      booker: r.senior_user
        ? { userId: r.senior_user, channel: 'self' }
        : r.family_user
          ? { userId: r.family_user, channel: 'family' }
          : { userId: r.staff_user, channel: 'staff' },
      feedbackUserId: r.senior_user ?? r.family_user,
    })),
  };
}

/** A slot's id, made the same way here and in SQL (SeedRepository.repeatWeekSlots), so orders can name slots written by the database. */
export function historySlotId(facilityId: string, serviceCode: string, start: number): string {
  const h = createHash('md5').update(`${facilityId}|${serviceCode}|${start}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface WeekShift extends PlannedShift {
  facilityId: string;
}

/**
 * The shifts the templates give and the slots the capacity rule makes of them, for one week: a
 * template repeats every week (Asia/Shanghai has no daylight saving), so every week of the history
 * is this week moved on, and only this week is planned. The slots of all the days, before `until`,
 * are the week's repeated.
 */
function planRosters(inputs: Inputs, firstDay: string, until: number, travelMinutes: number) {
  const week = Array.from({ length: 7 }, (_, i) => addDays(weekStartOf(firstDay), i));
  const services = new Map(inputs.services.map((s) => [s.code, s]));
  const byFacility = groupBy(inputs.caregivers, (c) => c.facilityId);
  const weekShifts: WeekShift[] = [];
  const weekSlots: (PlannedSlot & { facilityId: string })[] = [];
  const caregivers: HistoryCaregiver[] = [];
  const weeks = Math.ceil((until - dayStart(week[0])) / WEEK_MS);
  for (const f of inputs.facilities) {
    const staff = byFacility.get(f.id) ?? [];
    const active = new Set(staff.map((c) => c.id));
    const expansion = expandTemplate({
      entries: (inputs.templates.get(f.id) ?? []).filter((e) => active.has(e.caregiverId)),
      days: week,
      notBefore: 0,
      fixedShifts: [],
      editedDays: [],
      leaves: [],
      weeklyLimits: new Map(staff.map((c) => [c.id, c.maxWeeklyMinutes])),
    });
    for (const s of expansion.shifts) weekShifts.push({ ...s, facilityId: f.id });
    const rostered = staff.map((c) => ({ ...c, shifts: expansion.shifts.filter((s) => s.caregiverId === c.id) }));
    for (const c of rostered) {
      const shifts: Interval[] = [];
      for (let k = 0; k < weeks; k++) for (const s of c.shifts) shifts.push({ start: s.start + k * WEEK_MS, end: s.end + k * WEEK_MS });
      caregivers.push({ ...c, shifts });
    }
    const planned = planSlots({
      openingHours: f.openingHours,
      days: week,
      notBefore: 0,
      travelMinutes,
      services: (inputs.offered.get(f.id) ?? []).map((code) => services.get(code)).filter((s) => s !== undefined),
      caregivers: rostered,
      seats: inputs.seats.get(f.id) ?? [],
    });
    for (const p of planned) weekSlots.push({ ...p, facilityId: f.id });
  }
  const from = dayStart(firstDay);
  const slots: HistorySlot[] = [];
  for (let k = 0; k < weeks; k++) {
    for (const p of weekSlots) {
      const start = p.start + k * WEEK_MS;
      if (start < from || start >= until) continue;
      // The key for now: only slots an order takes get their id (historySlotId), after planning.
      slots.push({
        id: `${p.facilityId}|${p.serviceCode}|${start}`,
        facilityId: p.facilityId,
        serviceCode: p.serviceCode,
        start,
        end: p.end + k * WEEK_MS,
        sitting: p.sitting,
        capacity: p.capacity,
      });
    }
  }
  return { weekShifts, weekSlots, weeks, slots, caregivers };
}

/**
 * Writes the week's shifts and slots once (temporary tables) and lets the database repeat them
 * over the weeks: the days from `firstDay` on, whole days for shifts, slots before `until`.
 */
async function insertRosters(
  seeds: SeedRepository,
  m: EntityManager,
  plan: ReturnType<typeof planRosters>,
  firstDay: string,
  lastDay: string,
  until: number,
): Promise<{ shifts: number; slots: number }> {
  await seeds.createWeekTables(m);
  await seeds.bulkInsert(
    m,
    {
      table: 'history_week_shifts',
      columns: cols('caregiver_id uuid', 'facility_id uuid', 'starts_at timestamptz', 'ends_at timestamptz', 'template_id uuid'),
    },
    plan.weekShifts.map((s) => [s.caregiverId, s.facilityId, new Date(s.start), new Date(s.end), s.templateId]),
  );
  await seeds.bulkInsert(
    m,
    {
      table: 'history_week_slots',
      columns: cols(
        'facility_id uuid',
        'service_code text',
        'starts_at timestamptz',
        'ends_at timestamptz',
        'sitting text',
        'capacity int4',
      ),
    },
    plan.weekSlots.map((s) => [s.facilityId, s.serviceCode, new Date(s.start), new Date(s.end), s.sitting, s.capacity]),
  );
  const shifts = await seeds.repeatWeekShifts(m, plan.weeks, new Date(dayStart(firstDay)), new Date(dayStart(addDays(lastDay, 1))));
  const slots = await seeds.repeatWeekSlots(m, plan.weeks, new Date(dayStart(firstDay)), new Date(until));
  return { shifts, slots };
}

async function insertOrders(seeds: SeedRepository, m: EntityManager, plan: HistoryPlan): Promise<number> {
  const added = await seeds.bulkInsert(
    m,
    {
      table: 'orders',
      columns: cols(
        'id uuid',
        'resident_id uuid',
        'facility_id uuid',
        'service_code text',
        'slot_id uuid',
        'slot_start timestamptz',
        'slot_end timestamptz',
        'status text',
        'holds_capacity bool',
        'channel text',
        'created_by uuid',
        'address text',
        'lat float8',
        'lng float8',
        'dietary_needs text text[]',
        'base_fen int4',
        'subsidy_fen int4',
        'copay_fen int4',
        'funding text jsonb',
        'allowance text jsonb',
        'allowance_month date',
        'cancel_reason text',
        'created_at timestamptz',
        'updated_at timestamptz',
      ),
    },
    plan.orders.map((o) => [
      o.id,
      o.residentId,
      o.facilityId,
      o.serviceCode,
      o.slotId,
      new Date(o.start),
      new Date(o.end),
      o.status,
      o.status !== 'cancelled',
      o.channel,
      o.createdBy,
      o.address,
      o.lat,
      o.lng,
      textArrayLiteral(o.dietaryNeeds),
      o.baseFen,
      o.subsidyFen,
      o.copayFen,
      JSON.stringify(o.funding),
      JSON.stringify(o.allowance),
      o.allowanceMonth,
      o.cancelReason,
      new Date(o.createdAt),
      new Date(o.updatedAt),
    ]),
  );
  await seeds.settleSlotBookings(m);
  await seeds.bulkInsert(
    m,
    {
      table: 'allowance_usage',
      columns: cols('resident_id uuid', 'month date', 'funding_source text', 'minutes_used int4', 'minutes_limit int4'),
    },
    plan.allowance.map((a) => [a.residentId, a.month, a.source, a.minutesUsed, a.minutesLimit]),
  );
  return added;
}

async function insertVisits(
  seeds: SeedRepository,
  m: EntityManager,
  plan: HistoryPlan,
): Promise<{ assignments: number; visits: number; feedback: number }> {
  const assignments = await seeds.bulkInsert(
    m,
    {
      table: 'assignments',
      columns: cols(
        'order_id uuid',
        'caregiver_id uuid',
        'facility_id uuid',
        'planned_start timestamptz',
        'planned_end timestamptz',
        'travel_minutes int4',
        'explanation text',
        'source text',
        'created_at timestamptz',
      ),
    },
    plan.assignments.map((a) => [
      a.orderId,
      a.caregiverId,
      a.facilityId,
      new Date(a.start),
      new Date(a.end),
      a.travelMinutes,
      `演示历史数据：在班且技能相符的护理员，路程约${a.travelMinutes}分钟 (demo history: on shift with the skill, about ${a.travelMinutes} minutes away)`,
      'engine',
      new Date(a.start - 24 * 3_600_000),
    ]),
  );
  const visits = await seeds.bulkInsert(
    m,
    {
      table: 'visits',
      columns: cols(
        'order_id uuid',
        'caregiver_id uuid',
        'planned_start timestamptz',
        'check_in_at timestamptz',
        'check_in_lat float8',
        'check_in_lng float8',
        'check_in_distance_m int4',
        'check_in_verified_by text',
        'check_out_at timestamptz',
        'check_out_lat float8',
        'check_out_lng float8',
        'check_out_distance_m int4',
        'check_out_verified_by text',
        'actual_minutes int4',
        'late_alerted_at timestamptz',
        'missed_at timestamptz',
      ),
    },
    plan.visits.map((v) => [
      v.orderId,
      v.caregiverId,
      new Date(v.plannedStart),
      v.checkIn && new Date(v.checkIn.at),
      v.checkIn?.lat ?? null,
      v.checkIn?.lng ?? null,
      v.checkIn?.distanceM ?? null,
      v.checkIn?.verifiedBy ?? null,
      v.checkOut && new Date(v.checkOut.at),
      v.checkOut?.lat ?? null,
      v.checkOut?.lng ?? null,
      v.checkOut?.distanceM ?? null,
      v.checkOut?.verifiedBy ?? null,
      v.checkOut?.minutes ?? null,
      v.lateAlertedAt === null ? null : new Date(v.lateAlertedAt),
      v.missedAt === null ? null : new Date(v.missedAt),
    ]),
  );
  const feedback = await seeds.bulkInsert(
    m,
    {
      table: 'feedback',
      columns: cols('order_id uuid', 'rating int2', 'comment text', 'by_user uuid', 'at timestamptz'),
    },
    plan.feedback.map((f) => [f.orderId, f.rating, f.comment, f.byUser, new Date(f.at)]),
  );
  return { assignments, visits, feedback };
}
