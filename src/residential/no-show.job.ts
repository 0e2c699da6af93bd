import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { runScheduledTick } from '../common/jobs/job-ticks.js';
import { dayStart, formatClock, isoWeekday, minuteOfDay, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { Outbox } from '../visits/outbox.js';
import { DayPlacesRepository } from './day-places.repository.js';

/**
 * Day-care no-shows: once a site has closed for the day, each senior enrolled for that weekday
 * (since before the day) who did not arrive is followed up: the family and the site's staff are
 * told, once (attendance_follow_ups is the claim), through the visits outbox and its webhooks.
 */
@Injectable()
export class NoShowJob {
  constructor(
    private readonly db: DataSource,
    private readonly places: DayPlacesRepository,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron('0 10,40 * * * *', { name: 'residential.no_shows', timeZone: 'Asia/Shanghai' })
  async tick(): Promise<void> {
    if (!this.config.visitJobs) return;
    const now = new Date();
    const tick = toShanghaiIso(Math.floor(now.getTime() / 1_800_000) * 1_800_000);
    const lines = { done: 'day-care no-shows followed up', failed: 'day-care no-show follow-up failed' };
    await runScheduledTick(
      this.db,
      this.log,
      'residential.no_shows',
      tick,
      () => this.run(now),
      lines,
      (followedUp) => followedUp > 0,
    );
  }

  /** Follows up the no-shows of the day `now` falls on, at sites already closed; returns how many. */
  async run(now: Date): Promise<number> {
    const date = shanghaiDate(now.getTime());
    const weekday = isoWeekday(date);
    const rows = await this.places.noShows(weekday, new Date(dayStart(date)), formatClock(minuteOfDay(now.getTime())), date);
    let followedUp = 0;
    for (const r of rows) {
      followedUp += await this.db.transaction(async (m) => {
        if (!(await this.places.claimFollowUp(m, r.facility_id, r.resident_id, date))) return 0;
        await this.outbox.notify(
          m,
          { familyOf: r.resident_id, facilityStaffOf: r.facility_id },
          {
            kind: 'attendance.no_show',
            eventKey: `attendance:${r.facility_id}:${r.resident_id}:${date}`,
            at: now,
            payload: {
              facilityId: r.facility_id,
              facilityName: r.facility_name,
              residentId: r.resident_id,
              residentName: r.resident_name,
              date,
              message: `${r.resident_name} 今天没有到${r.facility_name} (did not come to day care today)`,
            },
          },
        );
        return 1;
      });
    }
    return followedUp;
  }
}
