import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { runTickOnce } from '../common/jobs/job-ticks.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { planSlots, type PlannedSlot } from './capacity-rule.js';
import { CapacityRunsRepository, CITY_RUN_JOB } from './capacity-runs.repository.js';
import { horizonDays } from './horizon.js';
import { toCaregiver, toFacility, toLeave, toSeat, toService, toShift, toTemplateEntry } from './roster-inputs.js';
import { ShiftsRepository } from './shifts.repository.js';
import { SlotsRepository } from './slots.repository.js';
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
 * How long a city-wide run's claim holds without renewal (renewed every third of it while the
 * run goes on): a run whose instance died is taken over by the next run asked for after that.
 */
const CITY_RUN_LEASE_MS = 2 * 60_000;

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
    private readonly shifts: ShiftsRepository,
    private readonly slots: SlotsRepository,
    private readonly runs: CapacityRunsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** One facility, now. Waits while another run holds this facility, then runs on fresh data. */
  async refreshFacility(facilityId: string, options: { record?: boolean; now?: number } = {}): Promise<FacilityRunResult> {
    const now = options.now ?? Date.now();
    return this.db.transaction(async (m) => {
      const startedAt = new Date();
      await this.slots.lockFacility(m, facilityId);
      const result = await this.refreshLocked(m, facilityId, now);
      if (options.record !== false) await this.runs.recordFacilityRun(m, facilityId, startedAt, result);
      return result;
    });
  }

  /**
   * Every facility. However many instances call it at once, one does the work: like every
   * scheduled job, the run is claimed as a tick in job_ticks (`runTickOnce`), held by a lease
   * its instance renews. The tick is "the run after the last one recorded", so all who ask
   * before a run finishes ask for the same tick, and a run whose instance died is taken over once
   * its lease runs out. A run that finished in the last ten minutes is not repeated unless
   * `force` is set. Each run is recorded in job_runs.
   */
  async runAll(trigger: string, options: { force?: boolean } = {}): Promise<CityRunResult> {
    const last = await this.runs.lastCityRun(RECENT_RUN_SECONDS);
    if (last?.recent && !options.force) return { ran: false, reason: 'recent' };
    const claim = await runTickOnce(this.db, CITY_RUN_JOB, `after-${last?.id ?? 0}`, () => this.refreshAll(trigger), CITY_RUN_LEASE_MS);
    return claim.ran && claim.result ? claim.result : { ran: false, reason: 'locked' };
  }

  private async refreshAll(trigger: string): Promise<Extract<CityRunResult, { ran: true }>> {
    const startedAt = Date.now();
    const facilities = (await this.slots.facilityIds()).map((f) => f.id);
    const results: FacilityRunResult[] = [];
    const failed: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < facilities.length) {
        const id = facilities[next++];
        try {
          results.push(await this.refreshFacility(id, { record: false, now: startedAt }));
        } catch (error) {
          failed.push(id);
          this.log.error({ err: error, facilityId: id }, 'capacity run failed for a facility');
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_FACILITIES }, worker));
    const sum = (k: keyof Omit<FacilityRunResult, 'facilityId'>) => results.reduce((n, r) => n + r[k], 0);
    return {
      ran: true,
      trigger,
      facilities: facilities.length,
      failed,
      seconds: (Date.now() - startedAt) / 1000,
      shiftsCreated: sum('shiftsCreated'),
      shiftsRemoved: sum('shiftsRemoved'),
      shiftsOverLimit: sum('shiftsOverLimit'),
      slots: sum('slots'),
      slotsInserted: sum('slotsInserted'),
      slotsUpdated: sum('slotsUpdated'),
      slotsRemoved: sum('slotsRemoved'),
      overCommitted: sum('overCommitted'),
    };
  }

  private async refreshLocked(m: EntityManager, facilityId: string, now: number): Promise<FacilityRunResult> {
    const days = horizonDays(now, this.config.bookingHorizonDays);
    const facilityRow = await this.slots.facility(m, facilityId);
    const facility = facilityRow && toFacility(facilityRow);
    const caregivers = facility ? (await this.shifts.lockCaregiversOf(m, facilityId)).map(toCaregiver) : [];
    const active = new Set(caregivers.filter((c) => c.active).map((c) => c.id));
    const ids = caregivers.map((c) => c.id);
    // Whole weeks around the horizon, so weekly limits see every shift of the weeks it touches.
    const windowStart = new Date(dayStart(weekStartOf(days[0])));
    const windowEnd = new Date(dayStart(addDays(weekStartOf(days[days.length - 1]), 7)));
    const shifts = (await this.shifts.touching(m, facilityId, ids, windowStart, windowEnd)).map(toShift);
    const replaceable = shifts.filter((s) => s.source === 'template' && s.facilityId === facilityId && s.start >= now);
    const replaceableIds = new Set(replaceable.map((s) => s.id));
    const fixed = shifts.filter((s) => !replaceableIds.has(s.id));

    const entries = facility?.active
      ? (await this.shifts.templateLines(m, facilityId)).map(toTemplateEntry).filter((e) => active.has(e.caregiverId))
      : [];
    const expansion = expandTemplate({
      entries,
      days,
      notBefore: now,
      fixedShifts: fixed,
      editedDays: (await this.shifts.editedDays(m, ids, days[0], days[days.length - 1])).map((r) => ({
        caregiverId: r.caregiver_id,
        day: r.day,
      })),
      leaves: (await this.shifts.leavesOf(m, ids, windowStart, windowEnd)).map(toLeave),
      weeklyLimits: new Map(caregivers.map((c) => [c.id, c.maxWeeklyMinutes])),
    });
    const { created, removed } = await this.syncTemplateShifts(m, facilityId, replaceable, expansion.shifts);

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
        services: (await this.slots.offeredServices(m, facilityId)).map(toService),
        caregivers: caregivers
          .filter((c) => active.has(c.id))
          .map((c) => ({ ...c, shifts: atFacility.filter((s) => s.caregiverId === c.id) })),
        seats: (await this.slots.seats(m, facilityId)).map(toSeat),
      });
    }
    const slots = await this.syncSlots(m, facilityId, planned, now);
    return {
      facilityId,
      shiftsCreated: created,
      shiftsRemoved: removed,
      shiftsOverLimit: expansion.overLimit.length,
      slots: planned.length,
      ...slots,
    };
  }

  private async syncTemplateShifts(
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
    if (remove.length > 0) await this.shifts.remove(m, remove);
    if (create.length > 0) await this.shifts.insertTemplateShifts(m, facilityId, create);
    return { created: create.length, removed: remove.length };
  }

  /** Upserts the planned future slots; future slots no longer planned are removed, or flagged if booked. */
  private async syncSlots(
    m: EntityManager,
    facilityId: string,
    planned: PlannedSlot[],
    now: number,
  ): Promise<Pick<FacilityRunResult, 'slotsInserted' | 'slotsUpdated' | 'slotsRemoved' | 'overCommitted'>> {
    const upserted = await this.slots.upsertPlanned(m, facilityId, planned);
    const { flagged, removed } = await this.slots.retireUnplanned(m, facilityId, planned, new Date(now));
    const inserted = upserted.filter((r) => r.inserted).length;
    return {
      slotsInserted: inserted,
      slotsUpdated: upserted.length - inserted + flagged,
      slotsRemoved: removed,
      overCommitted: await this.slots.countOverCommitted(m, facilityId, new Date(now)),
    };
  }
}
