import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { PHONE, newPage, screenshotsForDocs, shanghaiDate, signIn, useBrowserApp, bookFreeCleaning } from './support.js';
import { targets, textSamples } from './ui-checks.js';

/** Issue 18, item 6: the caregiver page on the road, at UI.md's senior-view figures. */
describe('the caregiver page is built for the road', () => {
  const app = useBrowserApp();

  /** A home cleaning for the demo senior, planned for the demo caregiver to start `minutes` from now. */
  async function visitIn(minutes: number, day: number) {
    const staff = await app.token('staff.beihu');
    const facilityId = (await app.api('GET', '/auth/me', staff)).body.facilityId;
    const caregiverId = (await app.api('GET', '/auth/me', await app.token('caregiver.demo'))).body.caregiverId;
    const residentId = (await app.api('GET', '/auth/me', await app.token('senior.demo'))).body.residentId;
    const resident = (await app.api('GET', `/residents/${residentId}`, staff)).body;
    const order = await bookFreeCleaning(app, staff, { residentId, facilityId, date: shanghaiDate(day), key: 'road' });
    expect(order.status).toBe(201);
    const db = app.app.get(DataSource);
    await db.query('DELETE FROM assignments WHERE order_id = $1', [order.body.id]);
    await db.query(
      `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, travel_minutes, explanation, source)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4), now() + make_interval(mins => $4 + 40), 10, 'browser test', 'override')`,
      [order.body.id, caregiverId, facilityId, minutes],
    );
    await db.query(`UPDATE orders SET status = 'assigned' WHERE id = $1`, [order.body.id]);
    // The daughter has a phone on her account, so the caregiver can reach her from the door.
    await db.query(`UPDATE users SET phone = '13907350001' WHERE username = 'family.demo'`);
    const [{ planned }] = await db.query(`SELECT planned_start AS planned FROM assignments WHERE order_id = $1`, [order.body.id]);
    return { orderId: order.body.id as string, resident, planned: planned as Date };
  }

  const shanghaiClock = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

  it('shows "HH:MM 起可签到" until check-in opens, a navigation link, the family contact, at 18 px text and 60 px buttons', async () => {
    const later = await visitIn(60, 3);
    const now = await visitIn(-5, 4);
    const { page, errors, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'caregiver.demo');
    // Both visits are planned today (relative to now), whatever day their slots were booked on.
    const laterCard = `li[data-order="${later.orderId}"]`;
    await page.waitForSelector(laterCard);
    const wait = page.locator(`${laterCard} button.step`);
    expect(await wait.isDisabled()).toBe(true);
    expect(await wait.textContent()).toBe(`${shanghaiClock(later.planned.getTime() - 30 * 60_000)} 起可签到`);
    const open = page.locator(`li[data-order="${now.orderId}"] button.step`);
    expect(await open.isDisabled()).toBe(false);
    expect(await open.textContent()).toBe('签到');

    const nav = await page.getAttribute(`${laterCard} a.nav`, 'href');
    const loc = later.resident.location;
    expect(nav).toContain(`https://uri.amap.com/marker?position=${loc.lng}%2C${loc.lat}`);
    expect(await page.textContent(`${laterCard} .family`)).toContain('李娟');
    expect(await page.getAttribute(`${laterCard} .family a`, 'href')).toBe('tel:13907350001');

    for (const s of await textSamples(page, 'body')) {
      expect({ text: s.text, fontPx: s.fontPx >= 18 }).toEqual({ text: s.text, fontPx: true });
      expect({ text: s.text, contrast: s.contrast >= (s.large ? 3 : 4.5) }).toEqual({ text: s.text, contrast: true });
    }
    const box = (await open.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(60);
    for (const tg of await targets(page)) expect({ what: tg.what, ok: tg.height >= 60 }).toEqual({ what: tg.what, ok: true });
    await screenshotsForDocs(page, 'caregiver-road');
    expect(errors).toEqual([]);
    await context.close();
  });
});
