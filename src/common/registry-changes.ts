import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/**
 * In-process event: a facility's services, hours or location, or one of its caregivers' skills,
 * level, hours or facility, has changed and committed. Modules that derive plans from the
 * registry (the capacity job) handle it with `@OnEvent(RegistryChanged.event)`.
 */
export class RegistryChanged {
  static readonly event = 'registry.changed';

  constructor(readonly facilityIds: string[]) {}
}

/**
 * How the registry tells of its changes, without knowing who listens: emits RegistryChanged on
 * the application's event emitter (@nestjs/event-emitter) and waits for its handlers, so the
 * derived plans are made again before the change is answered.
 */
@Injectable()
export class RegistryChanges {
  constructor(private readonly events: EventEmitter2) {}

  async changed(facilityIds: Iterable<string>): Promise<void> {
    await this.events.emitAsync(RegistryChanged.event, new RegistryChanged([...new Set(facilityIds)]));
  }
}
