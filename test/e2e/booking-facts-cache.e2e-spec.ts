import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Actor } from '../../src/common/auth/roles.js';
import { BookingFactsCache } from '../../src/orders/booking-facts-cache.js';
import { BookingService } from '../../src/orders/booking.service.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCast, aFamilyLink, anAccount, aResident, aSlot, slotAt, slotCounts, TEST_PASSWORD } from '../fixtures/index.js';

/**
 * Bookings whose resident, service and facility this instance already knows take one round trip
 * (book_order given the facility, service and time). These specs prime the cache with a first booking, then check that the known
 * path answers as the read path does, and that a change to any fact reaches the cache by NOTIFY.
 */
describe('bookings from known facts', () => {
  let t: TestApp;
  let cache: BookingFactsCache;
  let cast: Awaited<ReturnType<typeof aCast>>;
  let staff: string;
  const staffActor = (): Actor => ({
    userId: cast.accounts.centre_staff.id,
    role: 'centre_staff',
    displayName: 's',
    facilityId: cast.facilityId,
    residentId: null,
    caregiverId: null,
  });

  const book = (auth: string, body: object) => t.http().post('/api/v1/orders').set('Authorization', auth).send(body);
  const lunch = (residentId: string, start: string, extra: object = {}) => ({
    residentId,
    serviceCode: 'meal.dine_in',
    facilityId: cast.facilityId,
    slotStart: start,
    ...extra,
  });
  const known = (residentId: string) => cache.lookup(staffActor(), residentId, cast.facilityId, 'meal.dine_in');

  beforeAll(async () => {
    t = await startTestApp();
    cache = t.app.get(BookingFactsCache);
    cast = await aCast(t.db);
    staff = await t.login(cast.accounts.centre_staff.username, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('keeps what a first booking read, and books again from it with the same price, history and count', async () => {
    const resident = await aResident(t.db, cast.facilityId);
    const first = slotAt(1, '11:00');
    const second = slotAt(2, '11:00');
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', first, 5);
    const slotId = await aSlot(t.db, cast.facilityId, 'meal.dine_in', second, 5);
    expect(known(resident)).toBeUndefined();
    const a = await book(staff, lunch(resident, first)).expect(201);
    expect(known(resident)).toMatchObject({ resident_id: resident, code: 'meal.dine_in', offered: true });
    // The second booking is the one-trip one: its result comes from the known-facts path.
    const service = t.app.get<BookingService, { fromKnown: () => Promise<unknown> }>(BookingService);
    const fromKnown = jest.spyOn(service, 'fromKnown');
    const b = await book(staff, lunch(resident, second)).expect(201);
    expect(await fromKnown.mock.results[0].value).toMatchObject({ id: b.body.id });
    fromKnown.mockRestore();
    expect(b.body).toMatchObject({
      status: 'confirmed',
      price: a.body.price,
      slot: { start: second },
      channel: 'staff',
      createdBy: cast.accounts.centre_staff.id,
    });
    expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 5, booked: 1 });
    const detail = await t.http().get(`/api/v1/orders/${b.body.id}`).set('Authorization', staff).expect(200);
    expect(detail.body.history).toEqual([expect.objectContaining({ from: null, to: 'confirmed', by: cast.accounts.centre_staff.id })]);
  });

  it('answers an unknown time, an overlap and a full slot as a read booking does, and waitlists at the base price', async () => {
    const resident = await aResident(t.db, cast.facilityId);
    const other = await aResident(t.db, cast.facilityId);
    const start = slotAt(3, '11:00');
    const slotId = await aSlot(t.db, cast.facilityId, 'meal.dine_in', start, 1);
    await book(staff, lunch(resident, start)).expect(201);
    await book(staff, lunch(other, slotAt(3, '17:00'))).expect(422);
    expect(known(resident)).toBeDefined();
    expect(known(other)).toBeDefined();

    const unknown = await book(staff, lunch(resident, slotAt(3, '11:10'))).expect(422);
    expect(unknown.body.code).toBe('SLOT_UNKNOWN');
    const overlap = await book(staff, lunch(resident, start)).expect(422);
    expect(overlap.body).toMatchObject({ code: 'ORDER_OVERLAP', message: expect.stringContaining('meal.dine_in') });
    const full = await book(staff, lunch(other, start)).expect(409);
    expect(full.body.code).toBe('SLOT_FULL');
    const waiting = await book(staff, lunch(other, start, { waitlist: true })).expect(201);
    expect(waiting.body).toMatchObject({ status: 'waitlisted', price: { baseFen: 1200, subsidyFen: 0, copayFen: 1200, funding: [] } });
    const detail = await t.http().get(`/api/v1/orders/${waiting.body.id}`).set('Authorization', staff).expect(200);
    expect(detail.body.history).toEqual([expect.objectContaining({ to: 'waitlisted', reason: 'slot full: waitlisted' })]);
    expect(await slotCounts(t.db, slotId)).toEqual({ capacity: 1, booked: 1 });
  });

  it('prices by the resident as they are now: a change to the row reaches the cache', async () => {
    const resident = await aResident(t.db, cast.facilityId);
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', slotAt(4, '11:00'), 5);
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', slotAt(5, '11:00'), 5);
    const before = await book(staff, lunch(resident, slotAt(4, '11:00'))).expect(201);
    // Born in the 1940s: the 80-and-over meal subsidy, 3 yuan.
    expect(before.body.price).toMatchObject({ baseFen: 1200, subsidyFen: 300, copayFen: 900 });
    // Written past the service, as a registry import or a psql session would.
    await t.db.query(`UPDATE residents SET subsidy_category = 'tekun' WHERE id = $1`, [resident]);
    expect(await eventually(() => known(resident) === undefined)).toBe(true);
    const after = await book(staff, lunch(resident, slotAt(5, '11:00'))).expect(201);
    expect(after.body.price).toMatchObject({ baseFen: 1200, subsidyFen: 1200, copayFen: 0 });
  });

  it('stops offering a service, and a family link that no longer allows booking, as soon as they change', async () => {
    const family = await anAccount(t.db, 'family');
    const resident = await aResident(t.db, cast.facilityId);
    await aFamilyLink(t.db, family.id, resident);
    const token = await t.login(family.username, TEST_PASSWORD);
    const familyActor: Actor = {
      userId: family.id,
      role: 'family',
      displayName: 'f',
      facilityId: null,
      residentId: null,
      caregiverId: null,
    };
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', slotAt(6, '11:00'), 5);
    await aSlot(t.db, cast.facilityId, 'meal.dine_in', slotAt(7, '11:00'), 5);
    await book(token, lunch(resident, slotAt(6, '11:00'))).expect(201);
    expect(cache.lookup(familyActor, resident, cast.facilityId, 'meal.dine_in')).toMatchObject({ link_can_book: true });

    await t.db.query('UPDATE family_links SET can_book = false WHERE user_id = $1 AND resident_id = $2', [family.id, resident]);
    expect(await eventually(() => cache.lookup(familyActor, resident, cast.facilityId, 'meal.dine_in') === undefined)).toBe(true);
    expect((await book(token, lunch(resident, slotAt(7, '11:00'))).expect(403)).body.code).toBe('FORBIDDEN');

    await book(staff, lunch(resident, slotAt(7, '11:00'))).expect(201);
    await t.db.query(`DELETE FROM facility_services WHERE facility_id = $1 AND service_code = 'meal.dine_in'`, [cast.facilityId]);
    expect(await eventually(() => known(resident) === undefined)).toBe(true);
    expect((await book(staff, lunch(resident, slotAt(6, '11:00'))).expect(422)).body.code).toBe('SERVICE_NOT_OFFERED');
  });
});
