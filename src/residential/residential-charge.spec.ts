import { describe, expect, it } from '@jest/globals';
import type { PolicyRule } from '../orders/pricing.js';
import { residentialCharge } from './residential-charge.js';

const DAY = 86_400_000;
const rule = (more: Partial<PolicyRule>): PolicyRule => ({
  subsidyCategory: null,
  minAge: null,
  categories: [],
  sharePermille: 0,
  monthlyMinutes: null,
  fixedFen: 0,
  fundingSource: 'x',
  ...more,
});
// The demo policy as the migrations write it.
const POLICY = [
  rule({ subsidyCategory: 'tekun', sharePermille: 1000, fundingSource: 'tekun_support' }),
  rule({ subsidyCategory: 'dibao', sharePermille: 700, monthlyMinutes: 600, fundingSource: 'gov_purchase' }),
  rule({ minAge: 80, categories: ['meal'], fixedFen: 300, fundingSource: 'advanced_age_meal' }),
  rule({ subsidyCategory: 'dibao', categories: ['residential' as never], fixedFen: 30000, fundingSource: 'residential_support' }),
];

describe('residential charge', () => {
  it('charges the whole monthly rate for a whole month and nothing is paid for a resident without a subsidy', () => {
    const charge = residentialCharge(
      { segments: [{ monthlyFen: 180000, heldMs: 30 * DAY }], monthMs: 30 * DAY, subsidyCategory: 'none', age: 85 },
      POLICY,
    );
    expect(charge).toEqual({ baseFen: 180000, subsidyFen: 0, copayFen: 180000, funding: [] });
  });

  it('lets an extreme-hardship resident pay nothing: the government pays the home', () => {
    const charge = residentialCharge(
      { segments: [{ monthlyFen: 260000, heldMs: 31 * DAY }], monthMs: 31 * DAY, subsidyCategory: 'tekun', age: 70 },
      POLICY,
    );
    expect(charge).toEqual({ baseFen: 260000, subsidyFen: 260000, copayFen: 0, funding: [{ source: 'tekun_support', amountFen: 260000 }] });
  });

  it('charges part of a month pro rata, per bed held, and takes fixed residential subsidies but not minute allowances', () => {
    // 10 days in a self-care bed (1,200 yuan a month) then 20 days in full care (2,600), a 30-day month.
    const segments = [
      { monthlyFen: 120000, heldMs: 10 * DAY },
      { monthlyFen: 260000, heldMs: 20 * DAY },
    ];
    const charge = residentialCharge({ segments, monthMs: 30 * DAY, subsidyCategory: 'dibao', age: 82 }, POLICY);
    expect(charge).toEqual({
      baseFen: 40000 + 173333,
      subsidyFen: 30000,
      copayFen: 213333 - 30000,
      funding: [{ source: 'residential_support', amountFen: 30000 }],
    });
  });
});
