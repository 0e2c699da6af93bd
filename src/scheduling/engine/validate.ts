/**
 * Input checks for an instance read from outside (the CLI): every problem, each with its path,
 * e.g. "$.orders[3].windowEnd: must be after windowStart". A field the engine does not know (a
 * typo such as "$.returnTobase") is a problem too: ignoring it would plan as if it were absent.
 * An empty list means the instance is safe to give the engine.
 */
import { isValidTime, parseTime } from './time.js';
import type { Instance } from './types.js';

export interface Problem {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLevel = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

/** The fields each object of an instance may have. */
const FIELDS = {
  instance: ['travel', 'caregivers', 'orders', 'weights', 'returnToBase'],
  travel: ['speedKmh'],
  weights: ['continuityWorthMinutes'],
  caregiver: ['id', 'skills', 'level', 'location', 'shifts', 'weeklyMinutesLeft', 'usualResidentIds', 'capacity'],
  location: ['lat', 'lng'],
  shift: ['start', 'end'],
  order: [
    'id',
    'skill',
    'minLevel',
    'location',
    'windowStart',
    'windowEnd',
    'durationMinutes',
    'preferredCaregiverId',
    'priority',
    'residentId',
    'demand',
  ],
} as const;

function unknownFields(v: Obj, known: readonly string[], path: string, add: Add): void {
  for (const key of Object.keys(v)) if (!known.includes(key)) add(`${path}.${key}`, 'unknown field');
}

export function validateInstance(input: unknown): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  if (!isObj(input)) return [{ path: '$', message: 'must be an object with travel, caregivers and orders' }];
  unknownFields(input, FIELDS.instance, '$', add);
  if (!isObj(input.travel)) add('$.travel', 'must be an object { speedKmh }');
  else {
    unknownFields(input.travel, FIELDS.travel, '$.travel', add);
    if (!isNum(input.travel.speedKmh) || input.travel.speedKmh <= 0) add('$.travel.speedKmh', 'must be a positive number');
  }
  if (input.weights !== undefined) {
    if (!isObj(input.weights)) add('$.weights', 'must be an object { continuityWorthMinutes }');
    else {
      unknownFields(input.weights, FIELDS.weights, '$.weights', add);
      const w = input.weights.continuityWorthMinutes;
      if (w !== undefined && (!isNum(w) || w < 0)) add('$.weights.continuityWorthMinutes', 'must be a number of minutes, 0 or more');
    }
  }
  if (input.returnToBase !== undefined && typeof input.returnToBase !== 'boolean') add('$.returnToBase', 'must be true or false');
  if (!Array.isArray(input.caregivers)) add('$.caregivers', 'must be an array');
  else validateCaregivers(input.caregivers, add);
  if (!Array.isArray(input.orders)) add('$.orders', 'must be an array');
  else validateOrders(input.orders, add);
  return out;
}

export function isInstance(input: unknown): input is Instance {
  return validateInstance(input).length === 0;
}

type Add = (path: string, message: string) => void;

function validateLocation(v: unknown, path: string, add: Add): void {
  if (!isObj(v)) return add(path, 'must be an object { lat, lng }');
  unknownFields(v, FIELDS.location, path, add);
  if (!isNum(v.lat) || v.lat < -90 || v.lat > 90) add(`${path}.lat`, 'must be a number from -90 to 90');
  if (!isNum(v.lng) || v.lng < -180 || v.lng > 180) add(`${path}.lng`, 'must be a number from -180 to 180');
}

function validateId(v: unknown, path: string, seen: Set<string>, add: Add): void {
  if (typeof v !== 'string' || v.length === 0) return add(path, 'must be a non-empty string');
  if (seen.has(v)) add(path, `duplicate id ${v}`);
  seen.add(v);
}

function validateCaregivers(list: unknown[], add: Add): void {
  const ids = new Set<string>();
  list.forEach((c, i) => {
    const p = `$.caregivers[${i}]`;
    if (!isObj(c)) return add(p, 'must be an object');
    unknownFields(c, FIELDS.caregiver, p, add);
    validateId(c.id, `${p}.id`, ids, add);
    if (!Array.isArray(c.skills) || !c.skills.every((s) => typeof s === 'string')) add(`${p}.skills`, 'must be an array of strings');
    if (!isLevel(c.level)) add(`${p}.level`, 'must be an integer from 1 (most qualified) to 5');
    validateLocation(c.location, `${p}.location`, add);
    if (c.weeklyMinutesLeft !== undefined && (!isNum(c.weeklyMinutesLeft) || c.weeklyMinutesLeft < 0)) {
      add(`${p}.weeklyMinutesLeft`, 'must be a number of minutes, 0 or more');
    }
    if (c.capacity !== undefined && (!isNum(c.capacity) || c.capacity < 0)) add(`${p}.capacity`, 'must be a number, 0 or more');
    if (
      c.usualResidentIds !== undefined &&
      (!Array.isArray(c.usualResidentIds) || !c.usualResidentIds.every((s) => typeof s === 'string'))
    ) {
      add(`${p}.usualResidentIds`, 'must be an array of strings');
    }
    if (!Array.isArray(c.shifts)) return add(`${p}.shifts`, 'must be an array');
    const spans: [number, number, number][] = [];
    c.shifts.forEach((s, j) => {
      const sp = `${p}.shifts[${j}]`;
      if (!isObj(s)) return add(sp, 'must be an object { start, end }');
      unknownFields(s, FIELDS.shift, sp, add);
      if (!isValidTime(s.start)) return add(`${sp}.start`, 'must be an ISO 8601 time with offset');
      if (!isValidTime(s.end)) return add(`${sp}.end`, 'must be an ISO 8601 time with offset');
      const [a, b] = [parseTime(s.start), parseTime(s.end)];
      if (b <= a) return add(`${sp}.end`, 'must be after start');
      const clash = spans.find(([x, y]) => a < y && x < b);
      if (clash) add(sp, `overlaps shifts[${clash[2]}]`);
      spans.push([a, b, j]);
    });
  });
}

function validateOrders(list: unknown[], add: Add): void {
  const ids = new Set<string>();
  list.forEach((o, i) => {
    const p = `$.orders[${i}]`;
    if (!isObj(o)) return add(p, 'must be an object');
    unknownFields(o, FIELDS.order, p, add);
    validateId(o.id, `${p}.id`, ids, add);
    if (typeof o.skill !== 'string' || o.skill.length === 0) add(`${p}.skill`, 'must be a non-empty string');
    if (!isLevel(o.minLevel)) add(`${p}.minLevel`, 'must be an integer from 1 to 5');
    validateLocation(o.location, `${p}.location`, add);
    const durOk = Number.isInteger(o.durationMinutes) && (o.durationMinutes as number) > 0;
    if (!durOk) add(`${p}.durationMinutes`, 'must be a positive whole number of minutes');
    if (o.preferredCaregiverId != null && typeof o.preferredCaregiverId !== 'string')
      add(`${p}.preferredCaregiverId`, 'must be a string or null');
    if (o.priority !== undefined && !isNum(o.priority)) add(`${p}.priority`, 'must be a number');
    if (o.residentId !== undefined && typeof o.residentId !== 'string') add(`${p}.residentId`, 'must be a string');
    if (o.demand !== undefined && (!isNum(o.demand) || o.demand < 0)) add(`${p}.demand`, 'must be a number, 0 or more');
    const wsOk = isValidTime(o.windowStart);
    const weOk = isValidTime(o.windowEnd);
    if (!wsOk) add(`${p}.windowStart`, 'must be an ISO 8601 time with offset');
    if (!weOk) add(`${p}.windowEnd`, 'must be an ISO 8601 time with offset');
    if (!wsOk || !weOk) return;
    const span = parseTime(o.windowEnd as string) - parseTime(o.windowStart as string);
    if (span <= 0) add(`${p}.windowEnd`, 'must be after windowStart');
    else if (durOk && span < (o.durationMinutes as number) * 60_000) {
      add(`${p}.durationMinutes`, `is longer than the window (${o.durationMinutes as number} min > ${span / 60_000} min)`);
    }
  });
}
