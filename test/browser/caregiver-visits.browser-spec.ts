import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { VisitCardsService } from '../../src/visits/visit-cards.service.js';
import { PHONE, newPage, screenshotsAtBothWidths, shanghaiDate, signIn, useBrowserApp, bookFreeCleaning } from './support.js';
import { expectStaffContrastAndTargets } from './ui-checks.js';

describe('caregivers check in and out in the browser', () => {
  const app = useBrowserApp();

  /** A home cleaning booked through the API, then planned for the demo caregiver starting five minutes ago. */
  async function visitStartingNow() {
    const staff = await app.token('staff.beihu');
    const facilityId = (await app.api('GET', '/auth/me', staff)).body.facilityId;
    const caregiverId = (await app.api('GET', '/auth/me', await app.token('caregiver.demo'))).body.caregiverId;
    // The demo senior (王秀英), so she can rate the visit afterwards.
    const residentId = (await app.api('GET', '/auth/me', await app.token('senior.demo'))).body.residentId;
    const resident = (await app.api('GET', `/residents/${residentId}`, staff)).body;
    const date = shanghaiDate(2);
    const order = await bookFreeCleaning(app, staff, { residentId: resident.id, facilityId, date, key: 'cg' });
    expect(order.status).toBe(201);
    // The clock cannot be moved, so the plan is: the visit is the demo caregiver's and starts now.
    const db = app.app.get(DataSource);
    await db.query('DELETE FROM assignments WHERE order_id = $1', [order.body.id]);
    await db.query(
      `INSERT INTO assignments (order_id, caregiver_id, facility_id, planned_start, planned_end, travel_minutes, explanation, source)
       VALUES ($1, $2, $3, now() - interval '5 minutes', now() + interval '85 minutes', 12, 'browser test', 'override')`,
      [order.body.id, caregiverId, facilityId],
    );
    await db.query(`UPDATE orders SET status = 'assigned' WHERE id = $1`, [order.body.id]);
    return { orderId: order.body.id as string, resident };
  }

  it("sees today's visit with address and travel time, checks in by location and out with the card code", async () => {
    const { orderId, resident } = await visitStartingNow();
    const { page, errors, context } = await newPage(app.session, PHONE, {
      permissions: ['geolocation'],
      geolocation: { latitude: resident.location.lat, longitude: resident.location.lng },
    });
    await signIn(page, app.baseUrl, 'caregiver.demo');
    expect(new URL(page.url()).pathname).toBe('/caregiver');
    const card = `li[data-order="${orderId}"]`;
    await page.waitForSelector(card);
    const text = await page.textContent(card);
    expect(text).toContain(resident.name);
    expect(text).toContain(resident.address);
    expect(text).toContain('路上约 12 分钟');
    await screenshotsAtBothWidths(page, 'caregiver-today');

    await page.click(`${card} button:has-text("签到")`);
    await page.waitForFunction((sel: string) => (globalThis as any).document.querySelector(sel)?.textContent.includes('已签到'), card);
    expect(await page.textContent('#day-summary')).toContain('签到');

    // Check out with a wrong code first: the error sits next to the code field.
    await page.uncheck(`${card} input[name=useLocation]`);
    await page.fill(`${card} input[name=code]`, '000000');
    await page.click(`${card} button:has-text("签退")`);
    await page.waitForSelector(`${card} .form-error:not(:empty)`);
    const wrong = await page.textContent(`${card} .form-error`);
    const code = await app.app.get(VisitCardsService).codeFor(resident.id, shanghaiDate());
    if (code !== '000000') expect(wrong).toContain('服务卡数字不对');

    await page.fill(`${card} input[name=code]`, code);
    await page.fill(`${card} textarea[name=notes]`, '已打扫厨房和卫生间');
    await page.click(`${card} button:has-text("签退")`);
    await page.waitForFunction((sel: string) => (globalThis as any).document.querySelector(sel)?.textContent.includes('已签退'), card);
    const caregiver = await app.token('staff.beihu');
    const order = await app.api('GET', `/orders/${orderId}`, caregiver);
    expect(order.body.status).toBe('completed');
    await screenshotsAtBothWidths(page, 'caregiver-done');

    // The senior rates the completed visit on her own page.
    const senior = await newPage(app.session, PHONE);
    await signIn(senior.page, app.baseUrl, 'senior.demo');
    const done = `#done article[data-order="${orderId}"]`;
    await senior.page.waitForSelector(done);
    await senior.page.click(`${done} label:has-text("5 分 非常满意")`);
    await senior.page.fill(`${done} textarea`, '打扫得很干净');
    await senior.page.click(`${done} button[type=submit]`);
    await senior.page.waitForSelector(`${done} .msg.ok`);
    expect(await senior.page.textContent(done)).toContain('谢谢您的评价');
    await screenshotsAtBothWidths(senior.page, 'senior-rated');
    expect(senior.errors).toEqual([]);
    await senior.context.close();

    await expectStaffContrastAndTargets(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
