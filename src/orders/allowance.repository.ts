import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ServiceCategory, SubsidyCategory } from './pricing.js';

/** A row of `subsidy_policies`. */
export interface PolicyRow {
  subsidy_category: SubsidyCategory | null;
  min_age: number | null;
  categories: ServiceCategory[];
  share_permille: number;
  monthly_minutes: number | null;
  fixed_fen: number;
  funding_source: string;
}

export interface MinutesUsedRow {
  minutes_used: number;
}

/**
 * The subsidy policy and the residents' monthly allowance usage (`allowance_usage`, one row per
 * resident, month and funding source). Allowance statements run inside the booking or
 * cancelling transaction, so they take its manager.
 */
@Injectable()
export class AllowanceRepository {
  constructor(private readonly db: DataSource) {}

  /** The active policy rules, in their order. */
  activePolicy(m: EntityManager = this.db.manager): Promise<PolicyRow[]> {
    return m.query<PolicyRow[]>(`SELECT * FROM subsidy_policies WHERE active ORDER BY id`);
  }

  /**
   * The minutes a resident has used of one source in a month, with the row locked until the
   * transaction ends (made on first use with its limit): concurrent bookings of one resident queue here.
   */
  async lockUsage(
    m: EntityManager,
    residentId: string,
    month: string,
    fundingSource: string,
    minutesLimit: number | null,
  ): Promise<number> {
    // The no-op update locks the month's row (made on first use), so concurrent bookings queue here.
    const [row] = await m.query<MinutesUsedRow[]>(
      `INSERT INTO allowance_usage (resident_id, month, funding_source, minutes_limit) VALUES ($1, $2, $3, $4)
       ON CONFLICT (resident_id, month, funding_source) DO UPDATE SET minutes_used = allowance_usage.minutes_used
       RETURNING minutes_used`,
      [residentId, month, fundingSource, minutesLimit],
    );
    return row.minutes_used;
  }

  /** Takes minutes from a month's allowance (the table's CHECK refuses going over its limit). */
  async take(m: EntityManager, residentId: string, month: string, fundingSource: string, minutes: number): Promise<void> {
    await m.query(
      `UPDATE allowance_usage SET minutes_used = minutes_used + $4 WHERE resident_id = $1 AND month = $2 AND funding_source = $3`,
      [residentId, month, fundingSource, minutes],
    );
  }

  /** Gives minutes back to a month's allowance, never below zero. */
  async giveBack(m: EntityManager, residentId: string, month: string, fundingSource: string, minutes: number): Promise<void> {
    await m.query(
      `UPDATE allowance_usage SET minutes_used = GREATEST(0, minutes_used - $4) WHERE resident_id = $1 AND month = $2 AND funding_source = $3`,
      [residentId, month, fundingSource, minutes],
    );
  }
}
