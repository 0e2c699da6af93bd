import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { RegistryChanges } from '../common/registry-changes.js';
import { LOGGER } from '../core.module.js';
import { CapacityService } from './capacity.service.js';

/**
 * When the capacity job runs: once on start (in the background, so the service takes requests
 * at once), nightly to move the horizon on by a day, and for one facility after each change of
 * its shifts, template, leave or seats, or of its services, hours or caregivers in the registry.
 */
@Injectable()
export class CapacityJob implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly capacity: CapacityService,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly registry: RegistryChanges,
  ) {}

  onModuleInit(): void {
    this.registry.subscribe((facilityIds) => this.afterChange(facilityIds));
  }

  onApplicationBootstrap(): void {
    void this.track(this.runCity('startup'));
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
    await this.idle();
  }

  /** Resolves when no run started so far is still going (the start-up run included). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async runCity(trigger: string): Promise<void> {
    try {
      const result = await this.capacity.runAll(trigger);
      if (result.ran) this.log.info({ capacity: result }, `capacity job (${trigger}): ${result.slots} slots over ${result.facilities} facilities`);
      else this.log.debug({ reason: result.reason }, `capacity job (${trigger}) skipped`);
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
