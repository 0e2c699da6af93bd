/**
 * The demo city's recent past, planned without I/O: which residents booked what, when, and what
 * became of it (completed, cancelled, no-show, missed), who went, when they checked in and out,
 * what the seniors said, and what the subsidy policy paid. The slots and shifts are the ones the
 * roster templates would have made (src/seed/history.ts plans them with the capacity rule); this
 * fills them within their capacity, and never gives a caregiver two visits at once.
 */
import { randomUUID } from 'node:crypto';
import { addDays, dayStart, isoWeekday, MINUTE_MS, shanghaiDate, type Interval } from '../common/shanghai-time.js';
import { ageOn } from '../orders/allowance.js';
import { priceOrder, type PolicyRule, type ServiceCategory, type SubsidyCategory } from '../orders/pricing.js';
import { canDeliver, type ServiceSpec, type Sitting } from '../rosters/capacity-rule.js';
import { Random } from './random.js';

const HOUR_MS = 60 * MINUTE_MS;

export interface HistoryService extends ServiceSpec {
  category: ServiceCategory;
  basePriceFen: number;
}

export interface HistorySlot {
  id: string;
  facilityId: string;
  serviceCode: string;
  start: number;
  end: number;
  sitting: Sitting | null;
  capacity: number;
}

export interface HistoryCaregiver {
  id: string;
  facilityId: string;
  skills: readonly string[];
  level: number;
  shifts: readonly Interval[];
}

export interface HistoryResident {
  id: string;
  facilityId: string;
  birthDate: string;
  subsidyCategory: SubsidyCategory;
  careLevel: number;
  lat: number | null;
  lng: number | null;
  address: string | null;
  dietaryNeeds: string[];
  /** Who books for them: their own account, a family member's, or else the facility's staff. */
  booker: { userId: string; channel: 'self' | 'family' | 'staff' };
  /** Who may leave feedback: the senior's or a family member's account; null: nobody does. */
  feedbackUserId: string | null;
}

export interface HistoryInput {
  seed: number;
  /** The first day of the history and the instant it ends (nothing starts at or after it). */
  firstDay: string;
  until: number;
  services: readonly HistoryService[];
  slots: readonly HistorySlot[];
  caregivers: readonly HistoryCaregiver[];
  residents: readonly HistoryResident[];
  policy: readonly PolicyRule[];
}

export type PastStatus = 'completed' | 'cancelled' | 'no_show' | 'missed';

export interface PastOrder {
  id: string;
  residentId: string;
  facilityId: string;
  serviceCode: string;
  slotId: string;
  start: number;
  end: number;
  status: PastStatus;
  channel: 'self' | 'family' | 'staff';
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  address: string | null;
  lat: number | null;
  lng: number | null;
  dietaryNeeds: string[];
  baseFen: number;
  subsidyFen: number;
  copayFen: number;
  funding: { source: string; amountFen: number }[];
  allowance: Record<string, number>;
  allowanceMonth: string | null;
  cancelReason: string | null;
}

export interface PastAssignment {
  orderId: string;
  caregiverId: string;
  facilityId: string;
  start: number;
  end: number;
  travelMinutes: number;
  createdAt: number;
}

export interface PastVisit {
  orderId: string;
  caregiverId: string;
  plannedStart: number;
  checkIn: { at: number; lat: number | null; lng: number | null; distanceM: number | null; verifiedBy: 'location' | 'code' } | null;
  checkOut: {
    at: number;
    lat: number | null;
    lng: number | null;
    distanceM: number | null;
    verifiedBy: 'location' | 'code';
    minutes: number;
  } | null;
  lateAlertedAt: number | null;
  missedAt: number | null;
}

export interface PastFeedback {
  orderId: string;
  rating: number;
  comment: string | null;
  byUser: string;
  at: number;
}

export interface AllowanceUse {
  residentId: string;
  month: string;
  source: string;
  minutesUsed: number;
  minutesLimit: number;
}

export interface HistoryPlan {
  /** Each order's last change is its updatedAt; the status history follows from the order, its assignment and visit. */
  orders: PastOrder[];
  assignments: PastAssignment[];
  visits: PastVisit[];
  feedback: PastFeedback[];
  allowance: AllowanceUse[];
  /** Units taken of each slot (orders that hold capacity), never past its capacity. */
  booked: Map<string, number>;
}

/** What a resident tends to book: a service, on which weekdays, how likely on such a day, at what minute of the day. */
interface Habit {
  serviceCode: string;
  weekdays: number[];
  chance: number;
  minute: number;
}

const COMMENTS: Record<number, string[]> = {
  5: ['阿姨很细心', '服务很周到，谢谢', '饭菜可口，分量足', '准时到，干活利索', '非常满意'],
  4: ['挺好的', '服务不错', '菜稍微咸了点', '来得稍晚，但做得很好'],
  3: ['一般', '等的时间有点长', '饭菜偏凉'],
  2: ['迟到了半个多小时', '打扫不够仔细'],
  1: ['没有按约定时间来'],
};
const CANCEL_REASONS = ['老人身体不适，改天再约', '家属接老人外出', '临时有事', '住院了', '天气不好不想出门'];

/** Chooses each resident's habits from what their home facility offers; care level and age shape them. */
function habitsOf(r: HistoryResident, offered: ReadonlySet<string>, rnd: Random): Habit[] {
  const habits: Habit[] = [];
  const weekdaysOnly = [1, 2, 3, 4, 5];
  const everyDay = [1, 2, 3, 4, 5, 6, 7];
  const someDays = (n: number) => {
    const days = new Set<number>();
    while (days.size < n) days.add(rnd.int(1, 7));
    return [...days].sort();
  };
  // Meals: the most common help. Seniors who can walk eat at the canteen; others have it delivered.
  const mealUser = rnd.chance(r.careLevel >= 2 ? 0.55 : 0.42);
  if (mealUser) {
    const delivery = offered.has('meal.delivery') && (r.careLevel >= 2 ? rnd.chance(0.8) : rnd.chance(0.15));
    const code = delivery || !offered.has('meal.dine_in') ? 'meal.delivery' : 'meal.dine_in';
    if (offered.has(code)) {
      habits.push({ serviceCode: code, weekdays: weekdaysOnly, chance: rnd.int(70, 95) / 100, minute: 11 * 60 + 30 });
      habits.push({ serviceCode: code, weekdays: [6, 7], chance: rnd.int(15, 45) / 100, minute: 11 * 60 + 30 });
      if (rnd.chance(0.25)) habits.push({ serviceCode: code, weekdays: everyDay, chance: rnd.int(30, 60) / 100, minute: 17 * 60 + 30 });
    }
  }
  if (offered.has('cleaning.home') && rnd.chance(r.careLevel >= 1 ? 0.35 : 0.18)) {
    habits.push({
      serviceCode: 'cleaning.home',
      weekdays: someDays(1),
      chance: 0.85,
      minute: rnd.pick([8 * 60 + 30, 10 * 60 + 30, 14 * 60 + 30]),
    });
  }
  if (offered.has('medical.health_check') && rnd.chance(0.4)) {
    habits.push({
      serviceCode: 'medical.health_check',
      weekdays: someDays(1),
      chance: rnd.int(20, 50) / 100,
      minute: rnd.pick([9 * 60, 9 * 60 + 30, 10 * 60]),
    });
  }
  if (offered.has('medical.home_nursing') && r.careLevel >= 3 && rnd.chance(0.6)) {
    habits.push({
      serviceCode: 'medical.home_nursing',
      weekdays: someDays(rnd.int(1, 2)),
      chance: 0.9,
      minute: rnd.pick([9 * 60, 15 * 60]),
    });
  }
  if (offered.has('mobility.escort') && rnd.chance(0.15)) {
    habits.push({ serviceCode: 'mobility.escort', weekdays: someDays(1), chance: 0.45, minute: rnd.pick([9 * 60, 15 * 60 + 30]) });
  }
  if (offered.has('mobility.transport') && r.careLevel >= 2 && rnd.chance(0.12)) {
    habits.push({ serviceCode: 'mobility.transport', weekdays: someDays(1), chance: 0.4, minute: 8 * 60 + 30 });
  }
  if (offered.has('medical.hospital_escort') && rnd.chance(r.careLevel >= 2 ? 0.15 : 0.06)) {
    habits.push({ serviceCode: 'medical.hospital_escort', weekdays: weekdaysOnly, chance: 0.06, minute: 8 * 60 + 30 });
  }
  return habits;
}

/** Hours between booking and the slot's start: meals a day or two ahead, visits up to a week, escorts to hospital earlier. */
function leadHours(service: HistoryService, rnd: Random): number {
  if (service.category === 'meal')
    return rnd.weighted([
      [rnd.int(3, 12), 3],
      [rnd.int(13, 30), 5],
      [rnd.int(31, 72), 2],
    ] as const);
  if (service.code === 'medical.hospital_escort') return rnd.int(48, 240);
  return rnd.weighted([
    [rnd.int(4, 24), 2],
    [rnd.int(25, 96), 5],
    [rnd.int(97, 168), 3],
  ] as const);
}

/** At home a senior may be out (no-show) or nobody may come (missed); at the facility they come or cancel. */
function outcome(service: HistoryService, weekday: number, rnd: Random): PastStatus {
  // Mondays see a few more cancellations: weekend plans change.
  const cancel = weekday === 1 ? 0.09 : 0.06;
  if (service.place !== 'home') return rnd.chance(cancel) ? 'cancelled' : 'completed';
  return rnd.weighted([
    ['completed', 1 - cancel - 0.03 - 0.012],
    ['cancelled', cancel],
    ['no_show', 0.03],
    ['missed', 0.012],
  ] as const);
}

export function planHistory(input: HistoryInput): HistoryPlan {
  const rnd = new Random(input.seed ^ 0x5eed_4157);
  const services = new Map(input.services.map((s) => [s.code, s]));
  const slotsByKey = new Map<string, HistorySlot[]>();
  const offered = new Map<string, Set<string>>();
  for (const s of input.slots) {
    // Only what is over, with time after it for the check-out and the staff's records.
    if (s.end + 2 * HOUR_MS > input.until || s.capacity <= 0) continue;
    const key = `${s.facilityId}|${s.serviceCode}|${shanghaiDate(s.start)}`;
    (slotsByKey.get(key) ?? slotsByKey.set(key, []).get(key)!).push(s);
    (offered.get(s.facilityId) ?? offered.set(s.facilityId, new Set()).get(s.facilityId)!).add(s.serviceCode);
  }
  const caregiversAt = new Map<string, HistoryCaregiver[]>();
  for (const c of input.caregivers) (caregiversAt.get(c.facilityId) ?? caregiversAt.set(c.facilityId, []).get(c.facilityId)!).push(c);
  const busy = new Map<string, Interval[]>();
  const residentBusy = new Map<string, Interval[]>();
  const booked = new Map<string, number>();
  const allowance = new Map<string, AllowanceUse>();
  const plan: HistoryPlan = { orders: [], assignments: [], visits: [], feedback: [], allowance: [], booked };

  const days: string[] = [];
  for (let d = input.firstDay; dayStart(d) < input.until; d = addDays(d, 1)) days.push(d);
  const habits = input.residents.map((r) => habitsOf(r, offered.get(r.facilityId) ?? new Set(), rnd));

  for (const day of days) {
    const weekday = isoWeekday(day);
    input.residents.forEach((resident, i) => {
      for (const habit of habits[i]) {
        if (!habit.weekdays.includes(weekday) || !rnd.chance(habit.chance)) continue;
        const service = services.get(habit.serviceCode);
        const slot =
          service &&
          pickSlot(slotsByKey.get(`${resident.facilityId}|${habit.serviceCode}|${day}`), dayStart(day) + habit.minute * MINUTE_MS, booked);
        if (!service || !slot) continue;
        const span = { start: slot.start, end: slot.end };
        if ((residentBusy.get(resident.id) ?? []).some((b) => b.start < span.end && span.start < b.end)) continue;
        const status = outcome(service, weekday, rnd);
        const holds = status !== 'cancelled';
        let assignment: PastAssignment | undefined;
        if (holds && service.place === 'home') {
          assignment = assign(slot, service, caregiversAt.get(resident.facilityId) ?? [], busy, rnd);
          if (!assignment) continue;
        }
        push(residentBusy, resident.id, span);
        if (holds) booked.set(slot.id, (booked.get(slot.id) ?? 0) + 1);
        const order = makeOrder(input, resident, service, slot, status, rnd, allowance);
        plan.orders.push(order);
        if (assignment) {
          assignment.orderId = order.id;
          plan.assignments.push(assignment);
        }
        followThrough(plan, order, resident, service, assignment, rnd, input.until);
      }
    });
  }
  plan.allowance = [...allowance.values()];
  return plan;
}

/** The slot nearest the wanted time that has a unit left. */
function pickSlot(slots: HistorySlot[] | undefined, wanted: number, booked: Map<string, number>): HistorySlot | undefined {
  let best: HistorySlot | undefined;
  for (const s of slots ?? []) {
    if ((booked.get(s.id) ?? 0) >= s.capacity) continue;
    if (!best || Math.abs(s.start - wanted) < Math.abs(best.start - wanted)) best = s;
  }
  return best;
}

/** A caregiver on shift for the visit and its way there, able to do it, with no other visit then. */
function assign(
  slot: HistorySlot,
  service: HistoryService,
  caregivers: HistoryCaregiver[],
  busy: Map<string, Interval[]>,
  rnd: Random,
): PastAssignment | undefined {
  const travelMinutes = rnd.int(8, 25);
  const from = slot.start - travelMinutes * MINUTE_MS;
  const day = shanghaiDate(slot.start);
  const free = caregivers.filter(
    (c) =>
      canDeliver(c, service) &&
      c.shifts.some((s) => s.start <= from && slot.end <= s.end) &&
      !(busy.get(`${c.id}|${day}`) ?? []).some((b) => b.start < slot.end && slot.start < b.end),
  );
  if (free.length === 0) return undefined;
  const caregiver = rnd.pick(free);
  push(busy, `${caregiver.id}|${day}`, { start: slot.start, end: slot.end });
  return {
    orderId: '',
    caregiverId: caregiver.id,
    facilityId: slot.facilityId,
    start: slot.start,
    end: slot.end,
    travelMinutes,
    createdAt: 0,
  };
}

function makeOrder(
  input: HistoryInput,
  r: HistoryResident,
  service: HistoryService,
  slot: HistorySlot,
  status: PastStatus,
  rnd: Random,
  allowance: Map<string, AllowanceUse>,
): PastOrder {
  const day = shanghaiDate(slot.start);
  const month = `${day.slice(0, 7)}-01`;
  const holds = status !== 'cancelled';
  const used: Record<string, number> = {};
  for (const rule of input.policy) {
    if (rule.monthlyMinutes !== null) used[rule.fundingSource] = allowance.get(`${r.id}|${month}|${rule.fundingSource}`)?.minutesUsed ?? 0;
  }
  const price = priceOrder(
    {
      basePriceFen: service.basePriceFen,
      durationMinutes: service.durationMinutes,
      category: service.category,
      subsidyCategory: r.subsidyCategory,
      age: ageOn(r.birthDate, day),
      minutesUsed: used,
    },
    input.policy,
  );
  if (holds) {
    for (const [source, minutes] of Object.entries(price.minutesTaken)) {
      const limit = input.policy.find((p) => p.fundingSource === source && p.monthlyMinutes !== null)?.monthlyMinutes ?? minutes;
      const key = `${r.id}|${month}|${source}`;
      const row =
        allowance.get(key) ?? allowance.set(key, { residentId: r.id, month, source, minutesUsed: 0, minutesLimit: limit }).get(key)!;
      row.minutesUsed += minutes;
    }
  }
  const createdAt = Math.min(slot.start - leadHours(service, rnd) * HOUR_MS, slot.start - HOUR_MS);
  const home = service.place === 'home';
  return {
    id: randomUUID(),
    residentId: r.id,
    facilityId: slot.facilityId,
    serviceCode: service.code,
    slotId: slot.id,
    start: slot.start,
    end: slot.end,
    status,
    channel: r.booker.channel,
    createdBy: r.booker.userId,
    createdAt,
    updatedAt: createdAt,
    address: home ? r.address : null,
    lat: home ? r.lat : null,
    lng: home ? r.lng : null,
    dietaryNeeds: service.category === 'meal' ? r.dietaryNeeds : [],
    baseFen: price.baseFen,
    subsidyFen: price.subsidyFen,
    copayFen: price.copayFen,
    funding: price.funding,
    allowance: holds ? price.minutesTaken : {},
    allowanceMonth: holds && Object.keys(price.minutesTaken).length > 0 ? month : null,
    cancelReason: status === 'cancelled' ? rnd.pick(CANCEL_REASONS) : null,
  };
}

/** When each step happened: the cancellation, the assignment, the visit at the door, and the feedback. */
function followThrough(
  plan: HistoryPlan,
  o: PastOrder,
  r: HistoryResident,
  service: HistoryService,
  a: PastAssignment | undefined,
  rnd: Random,
  until: number,
): void {
  if (o.status === 'cancelled') {
    o.updatedAt = o.createdAt + rnd.int(1, Math.max(1, Math.floor((o.start - o.createdAt) / MINUTE_MS) - 1)) * MINUTE_MS;
    return;
  }
  if (!a) {
    // At the facility (canteen, health check): served, and recorded by the staff after the sitting.
    o.updatedAt = o.end + rnd.int(5, 60) * MINUTE_MS;
    maybeFeedback(plan, o, r, o.end, rnd, until);
    return;
  }
  a.createdAt = Math.max(o.createdAt + MINUTE_MS, Math.min(o.start - 30 * MINUTE_MS, o.createdAt + rnd.int(5, 240) * MINUTE_MS));
  const near = (x: number | null) => (x === null ? null : x + (rnd.next() - 0.5) * 0.0006);
  if (o.status === 'completed') {
    const late = rnd.weighted([
      [rnd.int(-10, 5), 80],
      [rnd.int(6, 15), 15],
      [rnd.int(16, 40), 5],
    ] as const);
    const inAt = o.start + late * MINUTE_MS;
    const minutes = Math.max(5, service.durationMinutes + rnd.int(-10, 10));
    const outAt = inAt + minutes * MINUTE_MS;
    const verifiedBy = o.lat === null || rnd.chance(0.2) ? 'code' : 'location';
    const fix =
      verifiedBy === 'location'
        ? { lat: near(o.lat), lng: near(o.lng), distanceM: rnd.int(3, 60) }
        : { lat: null, lng: null, distanceM: null };
    plan.visits.push({
      orderId: o.id,
      caregiverId: a.caregiverId,
      plannedStart: a.start,
      checkIn: { at: inAt, ...fix, verifiedBy },
      checkOut: { at: outAt, ...fix, verifiedBy, minutes },
      lateAlertedAt: late > 15 ? o.start + 15 * MINUTE_MS : null,
      missedAt: null,
    });
    o.updatedAt = outAt;
    maybeFeedback(plan, o, r, outAt, rnd, until);
  } else if (o.status === 'missed') {
    plan.visits.push({
      orderId: o.id,
      caregiverId: a.caregiverId,
      plannedStart: a.start,
      checkIn: null,
      checkOut: null,
      lateAlertedAt: o.start + 15 * MINUTE_MS,
      missedAt: o.start + 45 * MINUTE_MS,
    });
    o.updatedAt = o.start + 45 * MINUTE_MS;
  } else {
    o.updatedAt = o.start + rnd.int(10, 40) * MINUTE_MS;
  }
}

function maybeFeedback(plan: HistoryPlan, o: PastOrder, r: HistoryResident, after: number, rnd: Random, until: number): void {
  if (!r.feedbackUserId || !rnd.chance(0.3)) return;
  const rating = rnd.weighted([
    [5, 55],
    [4, 30],
    [3, 10],
    [2, 4],
    [1, 1],
  ] as const);
  plan.feedback.push({
    orderId: o.id,
    rating,
    comment: rnd.chance(0.6) ? rnd.pick(COMMENTS[rating]) : null,
    byUser: r.feedbackUserId,
    at: Math.min(after + rnd.int(10, 600) * MINUTE_MS, until),
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
