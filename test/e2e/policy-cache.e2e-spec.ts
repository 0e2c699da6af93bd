import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import type { TestApp } from '../support/test-app.js';
import { aResident, aSlot, slotAt, startWithCast, type SignedInCast } from '../fixtures/index.js';

/** The subsidy policy is kept in memory; a change to its table reaches the next price at once. */
describe('the subsidy policy cache', () => {
  let t: TestApp;
  let cast: SignedInCast;
  beforeAll(async () => ({ t, cast } = await startWithCast()));
  afterAll(async () => t?.close());

  it('prices with a changed policy as soon as the change commits, not 30 seconds later', async () => {
    const tekun = await aResident(t.db, cast.facilityId, { subsidyCategory: 'tekun' });
    const start = slotAt(2, '11:30');
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', start, 5);
    const quote = () =>
      t
        .http()
        .get('/api/v1/orders/quote')
        .query({ residentId: tekun, serviceCode: 'meal.dine_in', facilityId: cast.facilityId, slotStart: start })
        .set('Authorization', cast.auth.staff);

    const before = await quote().expect(200);
    expect(before.body.price.copayFen).toBe(0);

    // The bureau halves the extreme-hardship cover (by hand, in SQL).
    await t.db.query(`UPDATE subsidy_policies SET share_permille = 500 WHERE subsidy_category = 'tekun'`);

    expect(await eventually(async () => (await quote()).body.price?.copayFen > 0, 2_000)).toBe(true);
    const after = await quote().expect(200);
    expect(after.body.price.funding).toContainEqual({ source: 'tekun_support', amountFen: before.body.price.baseFen / 2 });
  });
});
