/**
 * The monthly residential charge: the bed's monthly rate for its care type, pro rata for the part
 * of the month the resident held it, less what the subsidy policy pays. Only the policy rules
 * for residential care (categories empty or naming `residential`) with no minute allowance apply:
 * minute allowances buy home services, not beds. Extreme-hardship residents in institutional care
 * pay nothing (the demo policy pays all of their care); the rest is the resident's co-pay.
 * Pure: the statement and the bureau's subsidy report both price with it.
 */
import type { Funding, PolicyRule, SubsidyCategory } from '../orders/pricing.js';

export interface StaySegment {
  monthlyFen: number;
  /** Milliseconds of the month the bed was held. */
  heldMs: number;
}

export interface ChargeInput {
  segments: StaySegment[];
  monthMs: number;
  subsidyCategory: SubsidyCategory;
  age: number;
}

export interface Charge {
  baseFen: number;
  subsidyFen: number;
  copayFen: number;
  funding: Funding[];
}

export function segmentFen(s: StaySegment, monthMs: number): number {
  return Math.round((s.monthlyFen * Math.min(s.heldMs, monthMs)) / monthMs);
}

function applies(rule: PolicyRule, input: ChargeInput): boolean {
  if (rule.monthlyMinutes !== null) return false;
  if (rule.categories.length > 0 && !(rule.categories as string[]).includes('residential')) return false;
  if (rule.subsidyCategory !== null && rule.subsidyCategory !== input.subsidyCategory) return false;
  if (rule.minAge !== null && input.age < rule.minAge) return false;
  return true;
}

export function residentialCharge(input: ChargeInput, policy: readonly PolicyRule[]): Charge {
  const baseFen = input.segments.reduce((sum, s) => sum + segmentFen(s, input.monthMs), 0);
  let left = baseFen;
  const funding: Funding[] = [];
  const rules = policy.filter((r) => applies(r, input));
  // As for orders: shares of the base first, fixed amounts after, never past what is left.
  for (const rule of [...rules.filter((r) => r.sharePermille > 0), ...rules.filter((r) => r.fixedFen > 0)]) {
    const wanted = rule.sharePermille > 0 ? Math.round((baseFen * rule.sharePermille) / 1000) : rule.fixedFen;
    const amount = Math.min(left, wanted);
    if (amount <= 0) continue;
    left -= amount;
    const same = funding.find((f) => f.source === rule.fundingSource);
    if (same) same.amountFen += amount;
    else funding.push({ source: rule.fundingSource, amountFen: amount });
  }
  return { baseFen, subsidyFen: baseFen - left, copayFen: left, funding };
}
