import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { planSlots, type PlannedSlot } from './capacity-rule.js';
import { horizonDays, LOCK_CAPACITY_ALL, LOCK_CAPACITY_FACILITY } from './horizon.js';
import {
  loadEditedDays,
  loadFacility,
  loadLeaves,
  loadOfferedServices,
  loadSeats,
  loadShifts,
  loadTemplate,
  lockCaregivers,
} from './roster-inputs.js';
import { addDays, dayStart, overlaps, weekStartOf, type Interval } from '../common/shanghai-time.js';
import { expandTemplate, type PlannedShift } from './template-expansion.js';

export interface FacilityRunResult {
  facilityId: string;
  shiftsCreated: number;
  shiftsRemoved: number;
  /** Template shifts left out because they would pass a weekly limit. */
  shiftsOverLimit: number;
  slots: number;
  slotsInserted: number;
  slotsUpdated: number;
  slotsRemoved: number;
  overCommitted: number;
}

export type CityRunResult =
  | ({ ran: true; trigger: string; facilities: number; failed: string[]; seconds: number } & Omit<FacilityRunResult, 'facilityId'>)
  | { ran: false; reason: 'locked' | 'recent' };

/** A city-wide run within this many seconds of the last one is not repeated (unless forced). */
const RECENT_RUN_SECONDS = 600;
/** Facilities refreshed at once in a city-wide run; each takes one pooled connection. */
const PARALLEL_FACILITIES = 3;

/**
 * The capacity job's work: applies roster templates to the horizon and turns shifts and seats
 * into bookable slots. Idempotent: slots are upserted by (facility, service, start), so running
 * it again changes nothing. Capacity may fall below what is booked (leave, a removed shift): the
 * slot then keeps its honest capacity and is flagged over-committed, never silently emptied.
 */
@Injectable()
export class CapacityService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** One facility, now. Waits while another run holds this facility, then runs on fresh data. */
  async refreshFacility(facilityId: string, options: { record?: boolean; now?: number } = {}): Promise<FacilityRunResult> {
    const now = options.now ?? Date.now();
    return this.db.transaction(async (m) => {
      const startedAt = new Date();
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CAPACITY_FACILITY, facilityId]);
      const result = await this.refreshLocked(m, facilityId, now);
      if (options.record !== false) await recordRun(m, 'capacity.facility', facilityId, startedAt, result);
      return result;
    });
  }

  /**
   * Every facility. However many instances call it at once, one does the work: the claim is a
   * transaction-scoped advisory lock held for the whole run, and a run that finished in the last
   * ten minutes is not repeated unless `force` is set. Each run is recorded in job_runs.
   */
  async runAll(trigger: string, options: { force?: boolean } = {}): Promise<CityRunResult> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ claimed }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1, 0) AS claimed', [LOCK_CAPACITY_ALL])) as { claimed: boolean }[];
      if (!claimed) {
        await runner.rollbackTransaction();
        return { ran: false, reason: 'locked' };
      }
      if (!options.force) {
        const recent = (await runner.query(
          `SELECT 1 FROM job_runs WHERE job = 'capacity.all' AND finished_at > now() - make_interval(secs => $1) LIMIT 1`,
          [RECENT_RUN_SECONDS],
        )) as unknown[];
        if (recent.length > 0) {
          await runner.rollbackTransaction();
          return { ran: false, reason: 'recent' };
        }
      }
      const startedAt = new Date();
      const now = Date.now();
      const facilities = ((await runner.query('SELECT id FROM facilities ORDER BY id')) as { id: string }[]).map((f) => f.id);
      const results: FacilityRunResult[] = [];
      const failed: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < facilities.length) {
          const id = facilities[next++];
          try {
            results.push(await this.refreshFacility(id, { record: false, now }));
          } catch (error) {
            failed.push(id);
            this.log.error({ err: error, facilityId: id }, 'capacity run failed for a facility');
          }
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_FACILITIES }, worker));
      const sum = (k: keyof Omit<FacilityRunResult, 'facilityId'>) => results.reduce((n, r) => n + r[k], 0);
      const summary = {
        ran: true as const,
        trigger,
        facilities: facilities.length,
        failed,
        seconds: (Date.now() - startedAt.getTime()) / 1000,
        shiftsCreated: sum('shiftsCreated'),
        shiftsRemoved: sum('shiftsRemoved'),
        shiftsOverLimit: sum('shiftsOverLimit'),
        slots: sum('slots'),
        slotsInserted: sum('slotsInserted'),
        slotsUpdated: sum('slotsUpdated'),
        slotsRemoved: sum('slotsRemoved'),
        overCommitted: sum('overCommitted'),
      };
      await recordRun(runner.manager, 'capacity.all', trigger, startedAt, summary);
      await runner.commitTransaction();
      return summary;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async refreshLocked(m: EntityManager, facilityId: string, now: number): Promise<FacilityRunResult> {
    const days = horizonDays(now, this.config.bookingHorizonDays);
    const facility = await loadFacility(m, facilityId);
    const caregivers = facility ? await lockCaregivers(m, facilityId) : [];
    const active = new Set(caregivers.filter((c) => c.active).map((c) => c.id));
    const ids = caregivers.map((c) => c.id);
    // Whole weeks around the horizon, so weekly limits see every shift of the weeks it touches.
    const windowStart = dayStart(weekStartOf(days[0]));
    const windowEnd = dayStart(addDays(weekStartOf(days[days.length - 1]), 7));
    const shifts = await loadShifts(m, facilityId, ids, windowStart, windowEnd);
    const replaceable = shifts.filter((s) => s.source === 'template' && s.facilityId === facilityId && s.start >= now);
    const replaceableIds = new Set(replaceable.map((s) => s.id));
    const fixed = shifts.filter((s) => !replaceableIds.has(s.id));

    const entries = facility?.active ? (await loadTemplate(m, facilityId)).filter((e) => active.has(e.caregiverId)) : [];
    const expansion = expandTemplate({
      entries,
      days,
      notBefore: now,
      fixedShifts: fixed,
      editedDays: await loadEditedDays(m, ids, days[0], days[days.length - 1]),
      leaves: await loadLeaves(m, ids, windowStart, windowEnd),
      weeklyLimits: new Map(caregivers.map((c) => [c.id, c.maxWeeklyMinutes])),
    });
    const { created, removed } = await syncTemplateShifts(m, facilityId, replaceable, expansion.shifts);

    let planned: PlannedSlot[] = [];
    if (facility?.active) {
      const horizon: Interval = { start: dayStart(days[0]), end: dayStart(addDays(days[days.length - 1], 1)) };
      const atFacility = [...fixed.filter((s) => s.facilityId === facilityId), ...expansion.shifts].filter(
        (s) => active.has(s.caregiverId) && overlaps(s, horizon),
      );
      planned = planSlots({
        openingHours: facility.openingHours,
        days,
        notBefore: now,
        travelMinutes: this.config.travelAllowanceMinutes,
        services: await loadOfferedServices(m, facilityId),
        caregivers: caregivers
          .filter((c) => active.has(c.id))
          .map((c) => ({ ...c, shifts: atFacility.filter((s) => s.caregiverId === c.id) })),
        seats: await loadSeats(m, facilityId),
      });
    }
    const slots = await syncSlots(m, facilityId, planned, now);
    return {
      facilityId,
      shiftsCreated: created,
      shiftsRemoved: removed,
      shiftsOverLimit: expansion.overLimit.length,
      slots: planned.length,
      ...slots,
    };
  }
}

async function syncTemplateShifts(
  m: EntityManager,
  facilityId: string,
  existing: { id: string; caregiverId: string; start: number; end: number }[],
  desired: PlannedShift[],
): Promise<{ created: number; removed: number }> {
  const key = (s: { caregiverId: string; start: number; end: number }) => `${s.caregiverId}|${s.start}|${s.end}`;
  const want = new Set(desired.map(key));
  const have = new Set(existing.map(key));
  const remove = existing.filter((s) => !want.has(key(s))).map((s) => s.id);
  const create = desired.filter((s) => !have.has(key(s)));
  if (remove.length > 0) await m.query('DELETE FROM shifts WHERE id = ANY($1::uuid[])', [remove]);
  if (create.length > 0) {
    await m.query(
      `INSERT INTO shifts (caregiver_id, facility_id, during, source, template_id)
       SELECT c, $1, tstzrange(s, e, '[)'), 'template', t
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::uuid[]) AS u(c, s, e, t)`,
      [facilityId, create.map((s) => s.caregiverId), create.map((s) => new Date(s.start)), create.map((s) => new Date(s.end)), create.map((s) => s.templateId)],
    );
  }
  return { created: create.length, removed: remove.length };
}

/** Upserts the planned future slots; future slots no longer planned are removed, or flagged if booked. */
async function syncSlots(
  m: EntityManager,
  facilityId: string,
  planned: PlannedSlot[],
  now: number,
): Promise<Pick<FacilityRunResult, 'slotsInserted' | 'slotsUpdated' | 'slotsRemoved' | 'overCommitted'>> {
  const codes = planned.map((s) => s.serviceCode);
  const starts = planned.map((s) => new Date(s.start));
  const upserted = (await m.query(
    `INSERT INTO capacity_slots AS c (facility_id, service_code, starts_at, ends_at, sitting, capacity, over_committed)
     SELECT $1, code, st, en, sit, cap, false
       FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::int[]) AS p(code, st, en, sit, cap)
     ON CONFLICT (facility_id, service_code, starts_at) DO UPDATE
        SET capacity = EXCLUDED.capacity, ends_at = EXCLUDED.ends_at, sitting = EXCLUDED.sitting,
            over_committed = c.booked > EXCLUDED.capacity, updated_at = now()
      WHERE (c.capacity, c.ends_at, c.sitting, c.over_committed)
            IS DISTINCT FROM (EXCLUDED.capacity, EXCLUDED.ends_at, EXCLUDED.sitting, c.booked > EXCLUDED.capacity)
     RETURNING (xmax = 0) AS inserted`,
    [facilityId, codes, starts, planned.map((s) => new Date(s.end)), planned.map((s) => s.sitting), planned.map((s) => s.capacity)],
  )) as { inserted: boolean }[];
  const stale = `c.facility_id = $1 AND c.starts_at >= $2
    AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::timestamptz[]) AS p(code, st) WHERE p.code = c.service_code AND p.st = c.starts_at)`;
  const params = [facilityId, new Date(now), codes, starts];
  const flagged = (await m.query(
    `UPDATE capacity_slots c SET capacity = 0, over_committed = true, updated_at = now()
      WHERE ${stale} AND c.booked > 0 AND (c.capacity <> 0 OR NOT c.over_committed) RETURNING c.id`,
    params,
  )) as [unknown[], number];
  // A slot an order points at (waitlisted or cancelled ones included) stays, closed; others go.
  const referenced = 'EXISTS (SELECT 1 FROM orders o WHERE o.slot_id = c.id)';
  await m.query(`UPDATE capacity_slots c SET capacity = 0, updated_at = now() WHERE ${stale} AND c.booked = 0 AND c.capacity <> 0 AND ${referenced}`, params);
  const removed = (await m.query(`DELETE FROM capacity_slots c WHERE ${stale} AND c.booked = 0 AND NOT ${referenced} RETURNING c.id`, params)) as [unknown[], number];
  const [{ count }] = (await m.query(
    'SELECT count(*)::int AS count FROM capacity_slots WHERE facility_id = $1 AND over_committed AND starts_at >= $2',
    [facilityId, new Date(now)],
  )) as { count: number }[];
  const inserted = upserted.filter((r) => r.inserted).length;
  return {
    slotsInserted: inserted,
    slotsUpdated: upserted.length - inserted + rowCount(flagged),
    slotsRemoved: rowCount(removed),
    overCommitted: count,
  };
}

/** TypeORM answers UPDATE/DELETE … RETURNING with [rows, affected]. */
function rowCount(result: [unknown[], number] | unknown[]): number {
  return Array.isArray(result[0]) ? (result as [unknown[], number])[1] : result.length;
}

async function recordRun(m: EntityManager, job: string, scope: string, startedAt: Date, result: object): Promise<void> {
  await m.query('INSERT INTO job_runs (job, scope, started_at, finished_at, result) VALUES ($1, $2, $3, clock_timestamp(), $4)', [
    job,
    scope,
    startedAt,
    JSON.stringify(result),
  ]);
}
