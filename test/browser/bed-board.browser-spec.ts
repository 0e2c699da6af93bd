import { describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD, DESKTOP, newPage, screenshot, signIn, useBrowserApp } from './support.js';
import { residentBody, TEST_PASSWORD } from '../fixtures/index.js';

describe('home staff work the bed board in the browser', () => {
  const app = useBrowserApp();

  it('admits a senior to a free bed from the board and sees the bed occupied, in words', async () => {
    const admin = (await app.api('POST', '/auth/login', undefined, { username: 'admin', password: TEST_PASSWORD })).body
      .accessToken as string;
    const homes = await app.api('GET', '/facilities?type=rural_home&pageSize=1', admin);
    const home = homes.body.items[0];
    const username = `staff.home.${Date.now()}`;
    expect(
      (
        await app.api('POST', '/users', admin, {
          username,
          password: DEMO_PASSWORD,
          role: 'centre_staff',
          displayName: '敬老院工作人员',
          facilityId: home.id,
        })
      ).status,
    ).toBe(201);
    const staff = await app.token(username);
    const bed = await app.api('POST', `/facilities/${home.id}/beds`, staff, { code: 'T-901-1', room: 'T901', careType: 'partial_care' });
    expect(bed.status).toBe(201);
    const senior = await app.api('POST', '/residents', staff, {
      ...residentBody({ homeFacilityId: home.id }),
      name: '测试入住老人',
      district: home.district,
      street: home.street,
    });
    expect(senior.status).toBe(201);

    const { page, errors, context } = await newPage(app.session, DESKTOP);
    await signIn(page, app.baseUrl, username);
    await page.click('[data-tab=beds]');
    await page.waitForSelector('[data-bed="T-901-1"]');
    expect(await page.textContent('[data-bed="T-901-1"]')).toContain('空闲');
    await page.click('[data-bed="T-901-1"] button');
    await page.fill('#admit-q', '测试入住老人');
    await page.click('#admit-search');
    await page.waitForSelector(`#admit-resident option[value="${senior.body.id}"]`, { state: 'attached' });
    await page.click('#admit-submit');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#beds-summary').textContent.includes('已入住'));
    const card = await page.textContent('[data-bed="T-901-1"]');
    expect(card).toContain('有人住');
    expect(card).toContain('测试入住老人');
    await screenshot(page, 'bed-board');

    const board = await app.api('GET', `/facilities/${home.id}/beds`, staff);
    expect(board.body.find((b: { code: string }) => b.code === 'T-901-1')).toMatchObject({
      status: 'occupied',
      residentId: senior.body.id,
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
