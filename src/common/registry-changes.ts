import { Injectable } from '@nestjs/common';

export type RegistryListener = (facilityIds: string[]) => Promise<void>;

/**
 * Tells the modules that derive plans from the registry (the capacity job) that a facility's
 * services, hours or location, or one of its caregivers' skills, level, hours or facility, has
 * changed and committed. The registry does not know who listens; rosters subscribes on start.
 */
@Injectable()
export class RegistryChanges {
  private readonly listeners: RegistryListener[] = [];

  subscribe(listener: RegistryListener): void {
    this.listeners.push(listener);
  }

  async changed(facilityIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(facilityIds)];
    for (const listener of this.listeners) await listener(ids);
  }
}
