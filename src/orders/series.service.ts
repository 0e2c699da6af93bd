import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { addDays, dayStart, isValidDate, isoWeekday, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { BookingService, channelOf } from './booking.service.js';
import type { CreateSeriesDto, OccurrenceDto, SeriesDto, SeriesResultDto } from './dto/series.dto.js';
import { OrderLifecycle } from './order-lifecycle.js';
import { OrderChangesService } from './order-changes.service.js';
import { toOrderDto } from './order-row.js';
import { OrdersRepository } from './orders.repository.js';
import { SeriesRepository, type SeriesRow } from './series.repository.js';

function toSeriesDto(s: SeriesRow): SeriesDto {
  return {
    id: s.id,
    residentId: s.resident_id,
    serviceCode: s.service_code,
    facilityId: s.facility_id,
    weekdays: s.weekdays,
    time: s.time_of_day,
    from: s.from_date,
    until: s.until_date,
    status: s.status,
    materialisedUntil: s.materialised_until,
  };
}

/** Dates of a series inside [first, last], in order. */
export function occurrenceDates(weekdays: number[], first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) if (weekdays.includes(isoWeekday(d))) dates.push(d);
  return dates;
}

/**
 * Recurring orders: a series books its occurrences over the booking horizon (a full slot
 * waitlists the occurrence; the nightly job books further days as the horizon moves on).
 */
@Injectable()
export class SeriesService {
  constructor(
    private readonly db: DataSource,
    private readonly seriesRows: SeriesRepository,
    private readonly orders: OrdersRepository,
    private readonly access: AccessService,
    private readonly booking: BookingService,
    private readonly changes: OrderChangesService,
    private readonly lifecycle: OrderLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateSeriesDto): Promise<SeriesResultDto> {
    if (!isValidDate(dto.from) || !isValidDate(dto.until) || dto.until < dto.from) {
      throw new DomainError('VALIDATION_FAILED', 'from and until must be real dates with until on or after from', [
        { field: 'until', message: 'before from' },
      ]);
    }
    if (dto.until < shanghaiDate(Date.now()))
      throw new DomainError('SLOT_IN_PAST', 'The series ends in the past: choose a later until date');
    await this.access.requireResident(actor, dto.residentId);
    const row = await this.seriesRows.insert({ ...dto, channel: channelOf(actor), createdBy: actor.userId });
    const occurrences = await this.materialise(actor, row);
    if (occurrences.length > 0 && occurrences.every((o) => o.outcome === 'failed')) {
      // Nothing could be booked: the first reason is the answer, and no empty series is left behind.
      await this.seriesRows.delete(row.id);
      throw new DomainError('SERIES_NOT_BOOKABLE', `No occurrence could be booked: ${occurrences[0].reason}`);
    }
    return this.result(row.id, occurrences);
  }

  async get(actor: Actor, id: string): Promise<SeriesResultDto> {
    await this.requireVisible(actor, id);
    return this.result(id, []);
  }

  /** Ends the series: its future open occurrences are cancelled; past ones stay as they were. */
  async end(actor: Actor, id: string, reason: string): Promise<SeriesResultDto> {
    // Ending cancels bookings: the family link must allow booking, as for each order (issue 14).
    await this.requireVisible(actor, id, 'series.change');
    await this.db.transaction(async (m) => {
      await this.seriesRows.markEnded(m, id);
      const open = await this.orders.lockOpenOfSeries(m, id);
      for (const order of open) {
        // The cancellation cut-off holds here as for one order: a visit about to start stays (staff may cancel it alone).
        if (await this.changes.pastCutoff(m, actor, order)) continue;
        await this.lifecycle.transition(m, order, 'cancelled', { by: actor.userId, reason: `series ended: ${reason}` });
      }
    });
    return this.result(id, []);
  }

  /** Books the occurrences from the day after the last booked one up to the end of the horizon. */
  async materialise(actor: Actor, s: SeriesRow): Promise<OccurrenceDto[]> {
    const today = shanghaiDate(Date.now());
    const horizonEnd = addDays(today, this.config.bookingHorizonDays - 1);
    const first = [s.from_date, today, s.materialised_until ? addDays(s.materialised_until, 1) : s.from_date].sort().at(-1)!;
    const last = [s.until_date, horizonEnd].sort()[0];
    const occurrences: OccurrenceDto[] = [];
    for (const date of occurrenceDates(s.weekdays, first, last)) {
      const [h, m] = s.time_of_day.split(':').map(Number);
      const slotStart = toShanghaiIso(dayStart(date) + (h * 60 + m) * 60_000);
      if (Date.parse(slotStart) <= Date.now()) continue;
      try {
        const order = await this.booking.book(actor, {
          residentId: s.resident_id,
          serviceCode: s.service_code,
          facilityId: s.facility_id,
          slotStart,
          waitlist: true,
          seriesId: s.id,
        });
        occurrences.push({ date, outcome: order.status === 'waitlisted' ? 'waitlisted' : 'confirmed', orderId: order.id, reason: null });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        occurrences.push({ date, outcome: 'failed', orderId: null, reason: `${error.code}: ${error.message}` });
      }
    }
    if (last >= first) await this.seriesRows.materialisedUntil(s.id, last);
    return occurrences;
  }

  /** Active series whose booked days lag behind the horizon (for the nightly job). */
  async lagging(): Promise<SeriesRow[]> {
    const horizonEnd = addDays(shanghaiDate(Date.now()), this.config.bookingHorizonDays - 1);
    return this.seriesRows.lagging(horizonEnd);
  }

  private async requireVisible(actor: Actor, id: string, permission: 'series.read' | 'series.change' = 'series.read'): Promise<SeriesRow> {
    const row = await this.seriesRows.byId(id);
    if (!row) throw notFound('Series');
    await this.access.policy.require(actor, permission, id);
    return row;
  }

  private async result(id: string, occurrences: OccurrenceDto[]): Promise<SeriesResultDto> {
    const series = (await this.seriesRows.byId(id))!;
    const orders = await this.orders.ofSeries(id);
    return { series: toSeriesDto(series), occurrences, orders: orders.map(toOrderDto) };
  }
}

export type { SeriesRow };
