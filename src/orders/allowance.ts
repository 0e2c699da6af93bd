import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '../common/shanghai-time.js';
import { priceOrder, type PolicyRule, type Price, type ServiceCategory, type SubsidyCategory } from './pricing.js';

interface PolicyRow {
  subsidy_category: SubsidyCategory | null;
  min_age: number | null;
  categories: ServiceCategory[];
  share_permille: number;
  monthly_minutes: number | null;
  fixed_fen: number;
  funding_source: string;
}

export interface PricedOrder extends Price {
  /** First day of the Shanghai month whose allowance the order draws on. */
  month: string;
}

export interface PricingSubject {
  residentId: string;
  birthDate: string;
  subsidyCategory: SubsidyCategory;
  category: ServiceCategory;
  basePriceFen: number;
  durationMinutes: number;
  slotStart: Date;
}

/**
 * The policy changes rarely; each instance reads it at most every 30 seconds, and at once after
 * a change (the trigger of migration 1100 NOTIFYs `policy_changed`; PolicyFeed calls forgetPolicy).
 */
const POLICY_TTL_MS = 30_000;
let cached: { at: number; rules: PolicyRule[] } | undefined;

export function forgetPolicy(): void {
  cached = undefined;
}

export async function loadPolicy(m: EntityManager): Promise<PolicyRule[]> {
  if (cached && Date.now() - cached.at < POLICY_TTL_MS) return cached.rules;
  const rows = (await m.query(`SELECT * FROM subsidy_policies WHERE active ORDER BY id`)) as PolicyRow[];
  const rules = rows.map((r) => ({
    subsidyCategory: r.subsidy_category,
    minAge: r.min_age,
    categories: r.categories,
    sharePermille: r.share_permille,
    monthlyMinutes: r.monthly_minutes,
    fixedFen: r.fixed_fen,
    fundingSource: r.funding_source,
  }));
  cached = { at: Date.now(), rules };
  return rules;
}

/** The policy rules with a monthly allowance that may apply to a resident of this subsidy category. */
export function cappedRules(policy: readonly PolicyRule[], subsidyCategory: SubsidyCategory): PolicyRule[] {
  return policy.filter((r) => r.monthlyMinutes !== null && (r.subsidyCategory === null || r.subsidyCategory === subsidyCategory));
}

export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, mo, d] = date.split('-').map(Number);
  return y - by - (mo < bm || (mo === bm && d < bd) ? 1 : 0);
}

/**
 * Prices an order and takes the allowance minutes it uses, inside the booking transaction. The
 * allowance rows are locked first, so concurrent bookings of one resident queue here and a
 * month's entitlement is never exceeded (the table's CHECK holds it too).
 */
export async function priceAndTakeAllowance(m: EntityManager, s: PricingSubject): Promise<PricedOrder> {
  const policy = await loadPolicy(m);
  const day = shanghaiDate(s.slotStart.getTime());
  const month = `${day.slice(0, 7)}-01`;
  const capped = cappedRules(policy, s.subsidyCategory);
  const minutesUsed: Record<string, number> = {};
  for (const rule of capped) {
    // The no-op update locks the month's row (made on first use), so concurrent bookings queue here.
    const [row] = (await m.query(
      `INSERT INTO allowance_usage (resident_id, month, funding_source, minutes_limit) VALUES ($1, $2, $3, $4)
       ON CONFLICT (resident_id, month, funding_source) DO UPDATE SET minutes_used = allowance_usage.minutes_used
       RETURNING minutes_used`,
      [s.residentId, month, rule.fundingSource, rule.monthlyMinutes],
    )) as { minutes_used: number }[];
    minutesUsed[rule.fundingSource] = row.minutes_used;
  }
  const price = priceOrder(
    {
      basePriceFen: s.basePriceFen,
      durationMinutes: s.durationMinutes,
      category: s.category,
      subsidyCategory: s.subsidyCategory,
      age: ageOn(s.birthDate, day),
      minutesUsed,
    },
    policy,
  );
  for (const [source, minutes] of Object.entries(price.minutesTaken)) {
    await m.query(`UPDATE allowance_usage SET minutes_used = minutes_used + $4 WHERE resident_id = $1 AND month = $2 AND funding_source = $3`, [
      s.residentId,
      month,
      source,
      minutes,
    ]);
  }
  return { ...price, month };
}

/** A cancelled order gives its allowance minutes back to its month. */
export async function giveBackAllowance(m: EntityManager, residentId: string, month: string | null, taken: Record<string, number>): Promise<void> {
  if (!month) return;
  for (const [source, minutes] of Object.entries(taken)) {
    await m.query(
      `UPDATE allowance_usage SET minutes_used = GREATEST(0, minutes_used - $4) WHERE resident_id = $1 AND month = $2 AND funding_source = $3`,
      [residentId, month, source, minutes],
    );
  }
}
