import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { RegistryChanged } from '../common/registry-changes.js';
import { LOGGER } from '../core.module.js';
import { CapacityRunsRepository } from './capacity-runs.repository.js';
import { CapacityService } from './capacity.service.js';

/** How long a start-up run that did not finish waits before trying again, while no city-wide run was ever recorded. */
const FIRST_RUN_RETRY_MS = 30_000;

/**
 * When the capacity job runs: once on start (in the background, so the service takes requests
 * at once), nightly to move the horizon on by a day, and for one facility after each change of
 * its shifts, template, leave or seats, or of its services, hours or caregivers in the registry.
 *
 * Until a city-wide run has finished once on this database (a new database), the service is not
 * ready: there is nothing to book yet (see `warm`, read by /health/ready).
 */
@Injectable()
export class CapacityJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Set once a city-wide run is known to have finished on this database; never unset. */
  private warmed = false;
  private retry: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly runs: CapacityRunsRepository,
    private readonly capacity: CapacityService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @OnEvent(RegistryChanged.event)
  onRegistryChanged(event: RegistryChanged): Promise<void> {
    return this.afterChange(event.facilityIds);
  }

  onApplicationBootstrap(): void {
    void this.track(this.startup());
  }

  /**
   * Whether the slots of the whole horizon have been made at least once on this database: the
   * first city-wide run (this instance's or another's) has been recorded. A later start-up, with
   * slots already made, is warm at once; a new database is warm when its first run commits.
   */
  async warm(): Promise<boolean> {
    if (this.warmed) return true;
    this.warmed = (await this.runs.lastCityRun(0)) !== undefined;
    return this.warmed;
  }

  @Cron('0 30 2 * * *', { name: 'capacity-nightly', timeZone: 'Asia/Shanghai' })
  async nightly(): Promise<void> {
    await this.track(this.runCity('nightly'));
  }

  /**
   * Called after a roster, seat or registry change has committed. The change stands whatever happens here:
   * a failure is logged and the nightly run catches up.
   */
  async afterChange(facilityIds: Iterable<string>): Promise<void> {
    for (const facilityId of new Set(facilityIds)) {
      await this.track(
        this.capacity.refreshFacility(facilityId).catch((error: unknown) => {
          this.log.error({ err: error, facilityId }, 'capacity refresh after a change failed');
        }),
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    await this.idle();
  }

  /** Resolves when no run started so far is still going (the start-up run included). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * The start-up run. If it did not finish (it failed, or another instance held the run and then
   * stopped), and no city-wide run was ever recorded, it is tried again: a new database must not
   * stay unbookable, and not ready, until the nightly run.
   */
  private async startup(): Promise<void> {
    if (!(await this.warm().catch(() => false))) {
      this.log.info(
        'capacity: making the bookable slots of the whole horizon for the first time; /health/ready answers 503 until they are made',
      );
    }
    await this.runCity('startup');
    if (this.stopping || (await this.warm().catch(() => false))) return;
    this.retry = setTimeout(() => void this.track(this.startup()), FIRST_RUN_RETRY_MS);
    this.retry.unref();
  }

  private async runCity(trigger: string): Promise<void> {
    try {
      const result = await this.capacity.runAll(trigger);
      if (result.ran) {
        this.warmed = true;
        this.log.info({ capacity: result }, `capacity job (${trigger}): ${result.slots} slots over ${result.facilities} facilities`);
      } else this.log.debug({ reason: result.reason }, `capacity job (${trigger}) skipped`);
    } catch (error) {
      this.log.error({ err: error }, `capacity job (${trigger}) failed`);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}
