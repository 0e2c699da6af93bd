import { priceOrder, waitlistPrice, type PolicyRule, type PriceInput } from './pricing.js';

/** The demo policy's shape: full cover for extreme hardship, a capped share for dibao, an 80+ meal subsidy. */
const POLICY: PolicyRule[] = [
  {
    subsidyCategory: 'tekun',
    minAge: null,
    categories: [],
    sharePermille: 1000,
    monthlyMinutes: null,
    fixedFen: 0,
    fundingSource: 'tekun_support',
  },
  {
    subsidyCategory: 'dibao',
    minAge: null,
    categories: [],
    sharePermille: 700,
    monthlyMinutes: 600,
    fixedFen: 0,
    fundingSource: 'gov_purchase',
  },
  {
    subsidyCategory: null,
    minAge: 80,
    categories: ['meal'],
    sharePermille: 0,
    monthlyMinutes: null,
    fixedFen: 300,
    fundingSource: 'advanced_age_meal',
  },
];

const order = (overrides: Partial<PriceInput> = {}): PriceInput => ({
  basePriceFen: 4500,
  durationMinutes: 90,
  category: 'cleaning',
  subsidyCategory: 'none',
  age: 70,
  minutesUsed: {},
  ...overrides,
});

describe('priceOrder', () => {
  it('charges the base price to a resident with no subsidy', () => {
    expect(priceOrder(order(), POLICY)).toEqual({ baseFen: 4500, subsidyFen: 0, copayFen: 0 + 4500, funding: [], minutesTaken: {} });
  });

  it('pays everything for extreme hardship', () => {
    const price = priceOrder(order({ subsidyCategory: 'tekun' }), POLICY);
    expect(price).toMatchObject({ subsidyFen: 4500, copayFen: 0, funding: [{ source: 'tekun_support', amountFen: 4500 }] });
  });

  it('pays a share for dibao residents inside their monthly minutes, and takes those minutes', () => {
    const price = priceOrder(order({ subsidyCategory: 'dibao' }), POLICY);
    expect(price).toMatchObject({ subsidyFen: 3150, copayFen: 1350, minutesTaken: { gov_purchase: 90 } });
  });

  it('pays only for the minutes left in the allowance, and nothing once it is spent', () => {
    const partly = priceOrder(order({ subsidyCategory: 'dibao', minutesUsed: { gov_purchase: 570 } }), POLICY);
    expect(partly).toMatchObject({ subsidyFen: 1050, copayFen: 3450, minutesTaken: { gov_purchase: 30 } });
    const spent = priceOrder(order({ subsidyCategory: 'dibao', minutesUsed: { gov_purchase: 600 } }), POLICY);
    expect(spent).toMatchObject({ subsidyFen: 0, copayFen: 4500, minutesTaken: {} });
  });

  it('gives residents aged 80 and over the fixed meal subsidy, never more than the price', () => {
    const meal = order({ category: 'meal', basePriceFen: 1200, durationMinutes: 60, age: 85 });
    expect(priceOrder(meal, POLICY)).toMatchObject({ subsidyFen: 300, copayFen: 900 });
    expect(priceOrder({ ...meal, basePriceFen: 200 }, POLICY)).toMatchObject({ subsidyFen: 200, copayFen: 0 });
    expect(priceOrder({ ...meal, age: 79 }, POLICY)).toMatchObject({ subsidyFen: 0 });
  });

  it('always splits the base price exactly into subsidy and copay', () => {
    for (const subsidyCategory of ['none', 'tekun', 'dibao', 'dibao_edge'] as const) {
      for (const basePriceFen of [0, 1, 999, 1200, 4501]) {
        const price = priceOrder(order({ subsidyCategory, basePriceFen, category: 'meal', age: 90 }), POLICY);
        expect(price.subsidyFen + price.copayFen).toBe(basePriceFen);
        expect(price.funding.reduce((s, f) => s + f.amountFen, 0)).toBe(price.subsidyFen);
        expect(price.copayFen).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('waitlistPrice', () => {
  it('holds the base price with nothing subsidised and no allowance', () => {
    expect(waitlistPrice(1200)).toEqual({ baseFen: 1200, subsidyFen: 0, copayFen: 1200, funding: [], minutesTaken: {} });
  });
});
