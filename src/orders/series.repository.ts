import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An `order_series` row as PostgreSQL returns it. */
export interface SeriesRow {
  id: string;
  resident_id: string;
  facility_id: string;
  service_code: string;
  weekdays: number[];
  time_of_day: string;
  from_date: string;
  until_date: string;
  materialised_until: string | null;
  status: 'active' | 'ended';
  created_by: string;
}

export interface NewSeries {
  residentId: string;
  facilityId: string;
  serviceCode: string;
  weekdays: number[];
  time: string;
  from: string;
  until: string;
  channel: 'self' | 'family' | 'staff';
  createdBy: string;
}

/** The SQL of recurring orders; the occurrences are orders (OrdersRepository). */
@Injectable()
export class SeriesRepository {
  constructor(private readonly db: DataSource) {}

  async insert(s: NewSeries): Promise<SeriesRow> {
    const [row] = await this.db.query<SeriesRow[]>(
      `INSERT INTO order_series (resident_id, facility_id, service_code, weekdays, time_of_day, from_date, until_date, channel, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [s.residentId, s.facilityId, s.serviceCode, s.weekdays, s.time, s.from, s.until, s.channel, s.createdBy],
    );
    return row;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM order_series WHERE id = $1', [id]);
  }

  async byId(id: string): Promise<SeriesRow | undefined> {
    const rows = await this.db.query<SeriesRow[]>('SELECT * FROM order_series WHERE id = $1', [id]);
    return rows[0];
  }

  async markEnded(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE order_series SET status = 'ended', ended_at = now() WHERE id = $1`, [id]);
  }

  /** Records that the series' occurrences are booked up to `last`. */
  async materialisedUntil(id: string, last: string): Promise<void> {
    await this.db.query('UPDATE order_series SET materialised_until = $2 WHERE id = $1', [id, last]);
  }

  /** Active series whose booked days stop before `horizonEnd` and before their own end. */
  async lagging(horizonEnd: string): Promise<SeriesRow[]> {
    return this.db.query<SeriesRow[]>(
      `SELECT * FROM order_series WHERE status = 'active' AND until_date > COALESCE(materialised_until, from_date - 1)
         AND COALESCE(materialised_until, from_date - 1) < $1`,
      [horizonEnd],
    );
  }
}
