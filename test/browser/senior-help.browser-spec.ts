import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, PHONE, newPage, screenshotsForDocs, shanghaiDate, signIn, useBrowserApp } from './support.js';

/** Issue 18 on the senior page: help by phone, Chinese answers, the waiting list, whose order, sessions that end. */
describe('seniors and families get help, plain answers and their booking back', () => {
  const app = useBrowserApp();
  const tomorrow = shanghaiDate(1);

  const me = async (username: string) => (await app.api('GET', '/me/residents', await app.token(username))).body as any[];
  const facility = async (id: string) => (await app.api('GET', `/facilities/${id}`, await app.token('staff.beihu'))).body;
  /** Books through the API, as the pages do: each booking with a key of its own. */
  const bookOrder = (token: string, residentId: string, serviceCode: string, facilityId: string, slotStart: string) =>
    app.api('POST', '/orders', token, { residentId, serviceCode, facilityId, slotStart }, { 'Idempotency-Key': randomUUID() });

  /** Through the steps by tapping, up to the price of a lunch slot tomorrow. */
  async function chooseLunch(
    page: Page,
    slotWanted = (v: string) => v.includes('T11:') || v.includes('T12:'),
    day = tomorrow,
  ): Promise<string> {
    await page.click('label[for="category-meal"]');
    await page.click('label[for="serviceCode-meal_dine_in"]');
    await page.click(`label[for="day-${day}"]`);
    await page.waitForSelector('#slots label.choice');
    const slots = await page.$$eval('#slots input', (is) => is.map((i: any) => i.value as string));
    const slot = slots.find(slotWanted)!;
    expect(slot).toBeDefined();
    await page.locator('#slots label.choice', { has: page.locator(`input[value="${slot}"]`) }).click();
    await page.waitForSelector('#step-confirm:not([hidden])');
    return slot;
  }

  it('shows a large call button with the senior centre number on the page and in every error; an expired slot answers in Chinese only', async () => {
    const { page, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'senior.demo');
    const [senior] = await me('senior.demo');
    const centre = await facility(senior.homeFacilityId);
    expect(centre.phone).toBeTruthy();
    const call = page.locator('#call-bar a.btn.call');
    await call.waitFor();
    expect(await call.textContent()).toContain('打电话给服务中心');
    expect(await call.getAttribute('href')).toBe('tel:' + centre.phone.replace(/\D/g, ''));
    const box = (await call.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(60);
    expect(box.width).toBeGreaterThanOrEqual(60);

    // A slot that has passed by the time it reaches the service (the request is moved to yesterday).
    const slot = await chooseLunch(page);
    const yesterday = slot.replace(tomorrow, shanghaiDate(-1));
    await page.route('**/api/v1/orders', (route) => {
      const body = route.request().postDataJSON();
      return route.continue({ postData: JSON.stringify({ ...body, slotStart: yesterday }) });
    });
    await page.click('#confirm');
    await page.waitForSelector('#book-form .form-error:not(:empty)');
    const said = (await page.textContent('#book-form'))!.replace(/\s+/g, ' ');
    expect(said).toContain('这个时间已经过去了');
    // Chinese only: no English sentence from the API anywhere in the form.
    expect(said).not.toMatch(/[A-Za-z]{3,}/);
    const errorCall = page.locator('#book-form .form-error a.btn.call');
    expect(await errorCall.getAttribute('href')).toBe('tel:' + centre.phone.replace(/\D/g, ''));
    await screenshotsForDocs(page, 'senior-expired-slot-call');
    await context.close();
  });

  it('clears the old message when a new one shows, and names the senior', async () => {
    const { page, errors, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'senior.demo');
    const [senior] = await me('senior.demo');
    await page.waitForSelector('#call-bar a.btn.call');
    await chooseLunch(page);
    await page.click('#confirm');
    await page.waitForSelector('#booked h3');
    expect(await page.textContent('#booked h3')).toBe(`为${senior.name}预约成功`);
    await page.waitForSelector('#upcoming article button:has-text("取消预约")');
    await page.click('#upcoming article button:has-text("取消预约")');
    await page.click('#upcoming article button:has-text("确认取消")');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#orders-msg').textContent.includes('已取消'));
    // "预约成功" no longer stands above "预约已取消".
    expect(await page.textContent('#booked')).toBe('');
    expect(await page.isVisible('#booked')).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a 排队候补 button for a full slot, which joins the waiting list', async () => {
    const staff = await app.token('staff.beihu');
    const [senior] = await me('senior.demo');
    // The centre's dinner sitting gets one seat, and someone else takes it.
    const set = await app.api('PUT', `/facilities/${senior.homeFacilityId}/capacity`, staff, {
      serviceCode: 'meal.dine_in',
      sitting: 'dinner',
      seats: 1,
    });
    expect(set.status).toBe(200);
    const slots = (await app.api('GET', `/facilities/${senior.homeFacilityId}/availability?service=meal.dine_in&date=${tomorrow}`, staff))
      .body as any[];
    const dinner = slots.find((s) => s.capacity === 1);
    expect(dinner).toBeDefined();
    const others = (await app.api('GET', `/residents?facilityId=${senior.homeFacilityId}&pageSize=20`, staff)).body.items as any[];
    const other = others.find((r) => r.id !== senior.id)!;
    const taken = await bookOrder(staff, other.id, 'meal.dine_in', senior.homeFacilityId, dinner.start);
    expect(taken.status).toBe(201);

    const { page, errors, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'senior.demo');
    await page.waitForSelector('#call-bar a.btn.call');
    await chooseLunch(page, (v) => v === dinner.start);
    expect(await page.textContent(`label[for="slotStart-${dinner.start.replace(/[^\w-]/g, '_')}"]`)).toContain('已约满');
    await page.waitForSelector('#waitlist:not([hidden])');
    expect(await page.isVisible('#confirm')).toBe(false);
    expect(await page.textContent('#waitlist')).toBe('排队候补');
    await page.click('#waitlist');
    await page.waitForSelector('#booked h3');
    expect(await page.textContent('#booked h3')).toContain(`已为${senior.name}排队候补`);
    const mine = await app.api('GET', `/orders?residentId=${senior.id}&from=${tomorrow}&to=${tomorrow}`, await app.token('senior.demo'));
    expect(mine.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'waitlisted', slot: expect.objectContaining({ start: dinner.start }) })]),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a family every linked senior's orders together, each named, with the caregiver coming and a call button", async () => {
    const family = await app.token('family.demo');
    const staff = await app.token('staff.beihu');
    const linked = await me('family.demo');
    const day = shanghaiDate(4);
    expect(linked.length).toBe(2);
    // One home cleaning for each linked senior tomorrow, then the centre assigns caregivers.
    const booked: any[] = [];
    for (const r of linked) {
      const slots = (await app.api('GET', `/facilities/${r.homeFacilityId}/availability?service=cleaning.home&date=${day}`, family))
        .body as any[];
      const free = slots.filter((s) => s.remaining > 0);
      const slot = free[booked.length % free.length];
      const res = await bookOrder(family, r.id, 'cleaning.home', r.homeFacilityId, slot.start);
      expect(res.status).toBe(201);
      booked.push(res.body);
    }
    for (const id of new Set(linked.map((r) => r.homeFacilityId))) {
      const run = await app.api('POST', '/scheduling/runs', staff, { facilityId: id, date: day });
      expect(run.status).toBe(201);
    }
    const detail = (await app.api('GET', `/orders/${booked[0].id}`, family)).body;
    expect(detail.assignment).toEqual(expect.objectContaining({ caregiverName: expect.any(String) }));

    const { page, errors, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'family.demo');
    // The heading turns into the family's once the linked seniors have loaded: wait for it rather than read it early.
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#upcoming-h').textContent === '家人的全部预约');
    for (const [i, r] of linked.entries()) {
      const card = page.locator(`#upcoming article[data-order="${booked[i].id}"]`);
      await card.waitFor();
      expect(await card.locator('.senior-name').textContent()).toBe(r.name);
    }
    const first = page.locator(`#upcoming article[data-order="${booked[0].id}"]`);
    await first.locator('.caregiver-line').waitFor();
    expect(await first.locator('.caregiver-line').textContent()).toBe(
      `护理员 ${detail.assignment.caregiverName}，预计 ${detail.assignment.plannedStart.slice(11, 16)} 到`,
    );
    const centre = await facility(booked[0].facilityId);
    expect(await first.locator('a.btn.call').getAttribute('href')).toBe('tel:' + centre.phone.replace(/\D/g, ''));
    await first.scrollIntoViewIfNeeded();
    await screenshotsForDocs(page, 'family-all-orders');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when the session cannot be renewed, the booking in progress survives signing in again on the same page', async () => {
    const { page, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'senior.demo');
    await page.waitForSelector('#call-bar a.btn.call');
    const slot = await chooseLunch(page, undefined, shanghaiDate(3));
    await page.fill('#notes', '不要辣');
    // The session is gone on the server's side: no refresh cookie any more, and an access token it refuses.
    await context.clearCookies();
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.evaluate(() => (globalThis as any).sessionStorage.setItem('care.token', 'expired.access.token'));
    await page.click('#confirm');
    expect((await refused).status()).toBe(401);
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.textContent('#login-note')).toContain('已保存');
    expect(await page.textContent('label[for="username"]')).toBe('手机号或用户名');
    await screenshotsForDocs(page, 'login-draft-kept', false);
    await page.fill('#username', 'senior.demo');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#login-submit');
    await page.waitForURL((u) => u.pathname === '/senior');
    // Everything chosen before is chosen again, and the confirm button is in view.
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#restored').textContent.includes('刚才填的预约还在'));
    expect(await page.$eval('#slots input:checked', (i: any) => i.value)).toBe(slot);
    expect(await page.inputValue('#notes')).toBe('不要辣');
    await screenshotsForDocs(page, 'senior-draft-restored', false);
    await page.click('#confirm');
    await page.waitForSelector('#booked h3, #book-form .form-error:not(:empty)');
    expect(await page.textContent('#book-form .form-error')).toBe('');
    expect(await page.textContent('#booked h3')).toContain('预约成功');
    await context.close();
  });
});

/** The real renewal: access tokens that last seconds, the refresh cookie from sign-in, POST /auth/refresh on the server. */
describe('an old session renews through the refresh cookie', () => {
  const app = useBrowserApp({ jwtTtlSeconds: 3 });

  it('a session whose access token has expired renews it and still books', async () => {
    const { page, context } = await newPage(app.session, PHONE);
    const answers: string[] = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (r.request().method() === 'POST' && ['/api/v1/auth/refresh', '/api/v1/orders'].includes(u.pathname))
        answers.push(`${u.pathname.slice(7)} ${r.status()}`);
    });
    await signIn(page, app.baseUrl, 'senior.demo');
    await page.waitForSelector('#call-bar a.btn.call');
    // The refresh token is kept only in the httpOnly cookie, for 30 days: a senior on her phone stays signed in.
    const cookie = (await context.cookies(app.baseUrl + '/api/v1/auth/refresh')).find((c) => c.name === 'care_refresh')!;
    expect(cookie).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' }));
    expect(Math.round((cookie.expires * 1000 - Date.now()) / 86400000)).toBe(30);
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...(globalThis as any).sessionStorage, ...(globalThis as any).localStorage }),
    );
    expect(stored).not.toContain(cookie.value);
    await page.click('label[for="category-meal"]');
    await page.click('label[for="serviceCode-meal_dine_in"]');
    await page.click(`label[for="day-${shanghaiDate(2)}"]`);
    await page.waitForSelector('#slots label.choice');
    await page.locator('#slots label.choice').first().click();
    await page.waitForSelector('#step-confirm:not([hidden])');
    // Past the access token's expiry (the server counts whole seconds): the token the page holds is refused now.
    const token = (await page.evaluate(() => (globalThis as any).sessionStorage.getItem('care.token'))) as string;
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp as number;
    await page.waitForTimeout(Math.max(0, (exp + 1) * 1000 - Date.now()));
    expect((await app.api('GET', '/auth/me', token)).status).toBe(401);
    answers.length = 0;
    await page.click('#confirm');
    await page.waitForSelector('#booked h3, #book-form .form-error:not(:empty)');
    expect(await page.textContent('#book-form .form-error')).toBe('');
    expect(answers).toEqual(['/orders 401', '/auth/refresh 200', '/orders 201']);
    expect(new URL(page.url()).pathname).toBe('/senior');
    expect(await page.textContent('#booked h3')).toContain('预约成功');
    // The rotated cookie replaced the used one, and the page holds the new access token.
    const next = (await context.cookies(app.baseUrl + '/api/v1/auth/refresh')).find((c) => c.name === 'care_refresh')!;
    expect(next.value).not.toBe(cookie.value);
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('care.token'))).not.toBe(token);
    // Days later on the same phone (a new tab: no access token kept): the sign-in page renews through the cookie
    // and goes straight to her page, without the form.
    const later = await context.newPage();
    await later.goto(app.baseUrl + '/');
    await later.waitForURL((u) => u.pathname === '/senior');
    await later.waitForSelector('#call-bar a.btn.call');
    expect(await later.evaluate(() => (globalThis as any).sessionStorage.getItem('care.token'))).toBeTruthy();
    await context.close();
  });
});
