import type { EntityManager } from 'typeorm';
import { EVERYTHING, FeedCache } from '../common/cache/feed-cache.js';
import { shanghaiDate } from '../common/shanghai-time.js';
import type { ChangeFeed } from '../database/change-feed.js';
import { AllowanceRepository } from './allowance.repository.js';
import { priceOrder, type PolicyRule, type Price, type ServiceCategory, type SubsidyCategory } from './pricing.js';

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
 * The policy changes rarely; each instance keeps it for at most 30 seconds, and only while the
 * change feed listens: a change empties it at once (the trigger of migration 1100 NOTIFYs
 * `policy_changed`; PolicyFeed connects this cache to the feed). Module-level, so every pricing
 * path (booking, reschedule, residential charges, the seed) shares it without injection.
 */
const POLICY_TTL_MS = 30_000;
const POLICY = 'active';
const policyCache = new FeedCache<PolicyRule[]>({ max: 1, ttlMs: POLICY_TTL_MS });

/** Serves the policy from memory while `feed` listens; any change to `subsidy_policies` empties it. */
export function listenForPolicyChanges(feed: ChangeFeed): void {
  policyCache.listen(feed, 'policy_changed', () => EVERYTHING);
}

export function forgetPolicy(): void {
  policyCache.clear();
}

export function loadPolicy(m: EntityManager): Promise<PolicyRule[]> {
  return policyCache.read(POLICY, async () => {
    const rows = await new AllowanceRepository(m.dataSource).activePolicy(m);
    return rows.map((r) => ({
      subsidyCategory: r.subsidy_category,
      minAge: r.min_age,
      categories: r.categories,
      sharePermille: r.share_permille,
      monthlyMinutes: r.monthly_minutes,
      fixedFen: r.fixed_fen,
      fundingSource: r.funding_source,
    }));
  });
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
  const allowance = new AllowanceRepository(m.dataSource);
  const day = shanghaiDate(s.slotStart.getTime());
  const month = `${day.slice(0, 7)}-01`;
  const capped = cappedRules(policy, s.subsidyCategory);
  const minutesUsed: Record<string, number> = {};
  for (const rule of capped) {
    minutesUsed[rule.fundingSource] = await allowance.lockUsage(m, s.residentId, month, rule.fundingSource, rule.monthlyMinutes);
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
    await allowance.take(m, s.residentId, month, source, minutes);
  }
  return { ...price, month };
}

/** A cancelled order gives its allowance minutes back to its month. */
export async function giveBackAllowance(
  m: EntityManager,
  residentId: string,
  month: string | null,
  taken: Record<string, number>,
): Promise<void> {
  if (!month) return;
  const allowance = new AllowanceRepository(m.dataSource);
  for (const [source, minutes] of Object.entries(taken)) await allowance.giveBack(m, residentId, month, source, minutes);
}
