/**
 * The instance compiled to flat arrays for speed. A route is one shift of one caregiver: the
 * caregiver leaves their location at the shift start, and each visit must fit wholly inside it.
 * Points: orders are 0..nO-1, caregiver locations nO..nO+nC-1.
 */
import { MINUTE_MS, ceilToStep, parseTime } from './time.js';
import { haversineCos, toRadians, travelMsFromKm } from './travel.js';
import type { Instance } from './types.js';

export interface Model {
  instance: Instance;
  speedKmh: number;
  nO: number;
  nC: number;
  nR: number;
  lat: Float64Array;
  lng: Float64Array;
  /** cos(lat) per point, computed once: the haversine needs it for every pair. */
  cosLat: Float64Array;
  oWs: Float64Array;
  oWe: Float64Array;
  oDur: Float64Array;
  oDurMin: Float64Array;
  oPriority: Float64Array;
  /** Caregivers that honour continuity for the order, or null when it has no preference. */
  oPref: (Set<number> | null)[];
  cLevel: Int32Array;
  cSkills: Set<string>[];
  cWeekly: Float64Array;
  /** What one route of the caregiver can carry (Infinity: no limit), and what each order takes. */
  cCapacity: Float64Array;
  oDemand: Float64Array;
  cRoutes: number[][];
  rCg: Int32Array;
  rStart: Float64Array;
  rEnd: Float64Array;
  rShift: Int32Array;
  /**
   * Travel minutes one continuity miss costs when continuity is weighed against travel; undefined
   * (the default) ranks continuity above any travel, as the goals are ordered.
   */
  continuityWorth: number | undefined;
  /** Minutes a miss adds to a move's cost: continuityWorth, or a weight no travel reaches. */
  missWeight: number;
  /** Each route must end back at the caregiver's location by the shift's end; that leg is travel. */
  returnToBase: boolean;
  /** Visits start on multiples of this many ms (whole minutes unless planned to the millisecond). */
  step: number;
  /** Travel ms between every two points, row by row, when there are few enough points (else null). */
  travelMatrix: Float64Array | null;
}

/** Up to this many points (orders and caregivers) the travel times are computed once, ahead (32 MB). */
export const MATRIX_MAX_POINTS = 2_000;

/** A continuity miss outweighs any travel when continuity ranks above travel. */
export const MISS_WEIGHT = 10_000;

export function compileModel(instance: Instance, continuityWorth?: number, step: number = MINUTE_MS): Model {
  const { orders, caregivers } = instance;
  const nO = orders.length;
  const nC = caregivers.length;
  const lat = new Float64Array(nO + nC);
  const lng = new Float64Array(nO + nC);
  const cgIndex = new Map<string, number>();
  caregivers.forEach((c, i) => {
    cgIndex.set(c.id, i);
    lat[nO + i] = toRadians(c.location.lat);
    lng[nO + i] = toRadians(c.location.lng);
  });
  const usualOf = new Map<string, number[]>();
  caregivers.forEach((c, i) => {
    for (const r of c.usualResidentIds ?? []) usualOf.set(r, [...(usualOf.get(r) ?? []), i]);
  });
  const oWs = new Float64Array(nO);
  const oWe = new Float64Array(nO);
  const oDur = new Float64Array(nO);
  const oDurMin = new Float64Array(nO);
  const oPriority = new Float64Array(nO);
  const oPref: (Set<number> | null)[] = [];
  orders.forEach((o, i) => {
    lat[i] = toRadians(o.location.lat);
    lng[i] = toRadians(o.location.lng);
    oWs[i] = parseTime(o.windowStart);
    oWe[i] = parseTime(o.windowEnd);
    oDur[i] = o.durationMinutes * MINUTE_MS;
    oDurMin[i] = o.durationMinutes;
    oPriority[i] = o.priority ?? 0;
    oPref.push(preferenceOf(o.preferredCaregiverId, o.residentId, cgIndex, usualOf));
  });
  const cRoutes: number[][] = [];
  const rCg: number[] = [];
  const rStart: number[] = [];
  const rEnd: number[] = [];
  const rShift: number[] = [];
  caregivers.forEach((c, ci) => {
    const routes: number[] = [];
    c.shifts.forEach((s, si) => {
      routes.push(rCg.length);
      rCg.push(ci);
      rStart.push(parseTime(s.start));
      rEnd.push(parseTime(s.end));
      rShift.push(si);
    });
    cRoutes.push(routes);
  });
  const m: Model = {
    instance,
    travelMatrix: null,
    continuityWorth,
    missWeight: continuityWorth ?? MISS_WEIGHT,
    returnToBase: instance.returnToBase === true,
    step,
    speedKmh: instance.travel.speedKmh,
    nO,
    nC,
    nR: rCg.length,
    lat,
    lng,
    cosLat: lat.map(Math.cos),
    oWs,
    oWe,
    oDur,
    oDurMin,
    oPriority,
    oPref,
    cLevel: Int32Array.from(caregivers.map((c) => c.level)),
    cSkills: caregivers.map((c) => new Set(c.skills)),
    cWeekly: Float64Array.from(caregivers.map((c) => c.weeklyMinutesLeft ?? Infinity)),
    cCapacity: Float64Array.from(caregivers.map((c) => c.capacity ?? Infinity)),
    oDemand: Float64Array.from(orders.map((o) => o.demand ?? 0)),
    cRoutes,
    rCg: Int32Array.from(rCg),
    rStart: Float64Array.from(rStart),
    rEnd: Float64Array.from(rEnd),
    rShift: Int32Array.from(rShift),
  };
  const nP = nO + nC;
  if (nP <= MATRIX_MAX_POINTS) {
    // The same function fills the matrix, so a look-up gives the very bits a computation would.
    const matrix = new Float64Array(nP * nP);
    for (let p = 0; p < nP; p++) for (let q = 0; q < nP; q++) matrix[p * nP + q] = travelMsFromKm(distKm(m, p, q), m.speedKmh);
    m.travelMatrix = matrix;
  }
  return m;
}

/** An order's named preferred caregiver wins; otherwise the caregivers who usually serve the resident. */
function preferenceOf(
  preferredId: string | null | undefined,
  residentId: string | undefined,
  cgIndex: Map<string, number>,
  usualOf: Map<string, number[]>,
): Set<number> | null {
  if (preferredId != null) {
    const i = cgIndex.get(preferredId);
    return new Set(i === undefined ? [] : [i]);
  }
  const usual = residentId === undefined ? undefined : usualOf.get(residentId);
  return usual && usual.length > 0 ? new Set(usual) : null;
}

export function homeOf(m: Model, c: number): number {
  return m.nO + c;
}

export function distKm(m: Model, p: number, q: number): number {
  return haversineCos(m.lat[p], m.lng[p], m.cosLat[p], m.lat[q], m.lng[q], m.cosLat[q]);
}

export function travelMsBetween(m: Model, p: number, q: number): number {
  const matrix = m.travelMatrix;
  if (matrix !== null) return matrix[p * (m.nO + m.nC) + q];
  return travelMsFromKm(distKm(m, p, q), m.speedKmh);
}

/** Travel (ms) of the way back from the route's last point `p` to the caregiver's location; 0 without returnToBase. */
export function backMs(m: Model, r: number, p: number): number {
  if (!m.returnToBase) return 0;
  const home = homeOf(m, m.rCg[r]);
  return p === home ? 0 : travelMsBetween(m, p, home);
}

export function canServe(m: Model, c: number, o: number): boolean {
  const order = m.instance.orders[o];
  return m.cLevel[c] <= order.minLevel && m.cSkills[c].has(order.skill);
}

export function isMiss(m: Model, o: number, c: number): boolean {
  const pref = m.oPref[o];
  return pref != null && !pref.has(c);
}

/** Whether the order fits in the route when it is the route's only visit. */
export function fitsAlone(m: Model, o: number, r: number): boolean {
  return fitsAloneAfter(m, o, r, travelMsBetween(m, homeOf(m, m.rCg[r]), o));
}

/** The way there takes `travelMs`; with returnToBase the way back is as long (travel is symmetric). */
function fitsAloneAfter(m: Model, o: number, r: number, travelMs: number): boolean {
  const start = ceilToStep(Math.max(m.rStart[r] + travelMs, m.oWs[o]), m.step);
  const end = start + m.oDur[o];
  return end <= m.oWe[o] && end + (m.returnToBase ? travelMs : 0) <= m.rEnd[r];
}

/**
 * Routes each order may use: those of qualified caregivers with weekly minutes left in which the
 * visit fits alone, limited to the nearest `limit` caregivers (plus any preferred one, and every
 * caregiver as near as the last one kept: caregivers sharing a base are all tried or none). This
 * is what partitions a city: an order never looks at caregivers across town.
 */
export function candidateRoutes(m: Model, limit: number): number[][] {
  const skilled = skillFlags(m);
  return Array.from({ length: m.nO }, (_, o) => candidateRoutesOf(m, o, limit, skilled));
}

/** Which caregivers have each skill the orders ask for, as one flag per caregiver. */
function skillFlags(m: Model): Map<string, Uint8Array> {
  const flags = new Map<string, Uint8Array>();
  for (const order of m.instance.orders) {
    if (flags.has(order.skill)) continue;
    flags.set(
      order.skill,
      Uint8Array.from(m.cSkills, (set) => (set.has(order.skill) ? 1 : 0)),
    );
  }
  return flags;
}

/** The candidate routes of one order (see candidateRoutes). */
function candidateRoutesOf(m: Model, o: number, limit: number, flags: Map<string, Uint8Array>): number[] {
  const order = m.instance.orders[o];
  const skilled = flags.get(order.skill)!;
  const ws = m.oWs[o];
  const we = m.oWe[o];
  const options: { c: number; d: number; routes: number[] }[] = [];
  for (let c = 0; c < m.nC; c++) {
    if (skilled[c] === 0 || m.cLevel[c] > order.minLevel || m.cWeekly[c] < m.oDurMin[o] || m.cCapacity[c] < m.oDemand[o]) continue;
    const own = m.cRoutes[c];
    // A shift that ends before the window opens or starts after it closes cannot take the visit.
    let any = false;
    for (const r of own) if (m.rEnd[r] > ws && m.rStart[r] < we) any = true;
    if (!any) continue;
    const d = distKm(m, homeOf(m, c), o);
    const travel = travelMsFromKm(d, m.speedKmh);
    let routes: number[] | null = null;
    for (const r of own) {
      if (m.rEnd[r] > ws && m.rStart[r] < we && fitsAloneAfter(m, o, r, travel)) (routes ??= []).push(r);
    }
    if (routes !== null) options.push({ c, d, routes });
  }
  options.sort((a, b) => a.d - b.d || a.c - b.c);
  const pref = m.oPref[o];
  const kept: number[] = [];
  // Ties at the cut are kept: without that, input order would decide which of the caregivers
  // sharing one base the search may ever try.
  const cutKm = limit > 0 && options.length > limit ? options[limit - 1].d + 1e-9 : -Infinity;
  options.forEach((x, i) => {
    if (i < limit || x.d <= cutKm || (pref != null && pref.has(x.c))) kept.push(...x.routes);
  });
  return kept;
}
