import { Inject, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { runTickOnce } from '../common/jobs/job-ticks.js';
import { dayStart, formatClock, isoWeekday, minuteOfDay, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../core.module.js';
import { Outbox } from '../visits/outbox.js';

/**
 * Day-care no-shows: once a site has closed for the day, each senior enrolled for that weekday
 * (since before the day) who did not arrive is followed up: the family and the site's staff are
 * told, once (attendance_follow_ups is the claim), through the visits outbox and its webhooks.
 */
@Injectable()
export class NoShowJob {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Cron('0 10,40 * * * *', { name: 'residential.no_shows', timeZone: 'Asia/Shanghai' })
  async tick(): Promise<void> {
    if (!this.config.visitJobs) return;
    const now = new Date();
    try {
      const tick = toShanghaiIso(Math.floor(now.getTime() / 1_800_000) * 1_800_000);
      const { ran, result } = await runTickOnce(this.db, 'residential.no_shows', tick, () => this.run(now));
      if (ran && result) this.log.info({ job: 'residential.no_shows', followedUp: result }, 'day-care no-shows followed up');
    } catch (error) {
      this.log.error({ err: error, job: 'residential.no_shows' }, 'day-care no-show follow-up failed');
    }
  }

  /** Follows up the no-shows of the day `now` falls on, at sites already closed; returns how many. */
  async run(now: Date): Promise<number> {
    const date = shanghaiDate(now.getTime());
    const weekday = isoWeekday(date);
    const rows = (await this.db.query(
      `SELECT e.facility_id, f.name AS facility_name, e.resident_id, r.name AS resident_name
         FROM enrolments e JOIN facilities f ON f.id = e.facility_id JOIN residents r ON r.id = e.resident_id
        WHERE e.active AND $1 = ANY(e.weekdays) AND e.created_at < $2
          AND f.opening_hours->'weekdays' @> to_jsonb($1::int) AND f.opening_hours->>'close' <= $3
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.facility_id = e.facility_id AND a.resident_id = e.resident_id AND a.day = $4 AND a.arrived_at IS NOT NULL)
        ORDER BY e.facility_id, e.resident_id`,
      [weekday, new Date(dayStart(date)), formatClock(minuteOfDay(now.getTime())), date],
    )) as { facility_id: string; facility_name: string; resident_id: string; resident_name: string }[];
    let followedUp = 0;
    for (const r of rows) {
      followedUp += await this.db.transaction(async (m) => {
        const claimed = (await m.query(
          `INSERT INTO attendance_follow_ups (facility_id, resident_id, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING day`,
          [r.facility_id, r.resident_id, date],
        )) as unknown[];
        if (claimed.length === 0) return 0;
        await this.outbox.notify(m, { familyOf: r.resident_id, facilityStaffOf: r.facility_id }, {
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
        });
        return 1;
      });
    }
    return followedUp;
  }
}
