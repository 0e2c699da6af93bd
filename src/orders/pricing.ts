/**
 * Prices and subsidies: a pure function over a policy (rows of the subsidy policy table).
 * Government-purchased minutes are a monthly allowance per resident; a share of the base price
 * is paid for the minutes still inside it. Fixed subsidies (e.g. the advanced-age meal subsidy)
 * then come off what is left. The resident pays the rest.
 */
export type SubsidyCategory = 'none' | 'tekun' | 'dibao' | 'dibao_edge';
export type ServiceCategory = 'meal' | 'cleaning' | 'mobility' | 'medical';

export interface PolicyRule {
  /** Who it is for: a subsidy category, or everyone aged at least minAge. */
  subsidyCategory: SubsidyCategory | null;
  minAge: number | null;
  /** Which services it covers; empty covers all. */
  categories: ServiceCategory[];
  /** Share of the base price paid, in per mille (1000 = all), for minutes inside the allowance. */
  sharePermille: number;
  /** Minutes a month it pays for; null: no limit. */
  monthlyMinutes: number | null;
  /** A fixed amount paid per order, after the shares. */
  fixedFen: number;
  fundingSource: string;
}

export interface PriceInput {
  basePriceFen: number;
  durationMinutes: number;
  category: ServiceCategory;
  subsidyCategory: SubsidyCategory;
  age: number;
  /** Allowance minutes this month already used, per funding source. */
  minutesUsed: Record<string, number>;
}

export interface Funding {
  source: string;
  amountFen: number;
}

export interface Price {
  baseFen: number;
  subsidyFen: number;
  copayFen: number;
  funding: Funding[];
  /** Allowance minutes this order takes, per funding source (given back on cancellation). */
  minutesTaken: Record<string, number>;
}

function applies(rule: PolicyRule, input: PriceInput): boolean {
  if (rule.categories.length > 0 && !rule.categories.includes(input.category)) return false;
  if (rule.subsidyCategory !== null && rule.subsidyCategory !== input.subsidyCategory) return false;
  if (rule.minAge !== null && input.age < rule.minAge) return false;
  return true;
}

/** What a waitlisted order holds: the base price, no subsidy and no allowance until it is confirmed. */
export function waitlistPrice(baseFen: number): Price {
  return { baseFen, subsidyFen: 0, copayFen: baseFen, funding: [], minutesTaken: {} };
}

export function priceOrder(input: PriceInput, policy: readonly PolicyRule[]): Price {
  const baseFen = input.basePriceFen;
  let left = baseFen;
  const funding: Funding[] = [];
  const minutesTaken: Record<string, number> = {};
  const rules = policy.filter((r) => applies(r, input));
  // Shares first (they are defined on the base price), fixed amounts after.
  for (const rule of rules.filter((r) => r.sharePermille > 0)) {
    const used = input.minutesUsed[rule.fundingSource] ?? 0;
    const covered =
      rule.monthlyMinutes === null ? input.durationMinutes : Math.max(0, Math.min(input.durationMinutes, rule.monthlyMinutes - used));
    if (covered === 0) continue;
    const amount = Math.min(left, Math.round((baseFen * rule.sharePermille * covered) / (1000 * input.durationMinutes)));
    if (amount <= 0) continue;
    left -= amount;
    funding.push({ source: rule.fundingSource, amountFen: amount });
    if (rule.monthlyMinutes !== null) minutesTaken[rule.fundingSource] = (minutesTaken[rule.fundingSource] ?? 0) + covered;
  }
  for (const rule of rules.filter((r) => r.fixedFen > 0)) {
    const amount = Math.min(left, rule.fixedFen);
    if (amount <= 0) continue;
    left -= amount;
    funding.push({ source: rule.fundingSource, amountFen: amount });
  }
  const subsidyFen = baseFen - left;
  return { baseFen, subsidyFen, copayFen: left, funding, minutesTaken };
}
