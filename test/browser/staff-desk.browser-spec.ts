import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  DESKTOP,
  screenshotsForDocs,
  newPage,
  screenshotsAtBothWidths,
  shanghaiDate,
  signIn,
  useBrowserApp,
  bookFreeCleaning,
} from './support.js';
import { targets, textSamples } from './ui-checks.js';

describe('centre staff run the day in the browser', () => {
  const app = useBrowserApp();
  let staff: string;
  let facilityId: string;
  const day = shanghaiDate(3);

  beforeAll(async () => {
    staff = await app.token('staff.beihu');
    facilityId = (await app.api('GET', '/auth/me', staff)).body.facilityId;
  });

  it('adds a shift, marks leave, sees an unassigned order on top, runs assignment and reads the explanations', async () => {
    // A home cleaning booked by phone earlier, not yet assigned.
    const residents = await app.api('GET', `/residents?facilityId=${facilityId}&pageSize=5`, staff);
    const resident = residents.body.items[0];
    const booked = await bookFreeCleaning(app, staff, { residentId: resident.id, facilityId, date: day, key: 'browser' });
    expect(booked.status).toBe(201);

    const { page, errors, context } = await newPage(app.session, DESKTOP);
    await signIn(page, app.baseUrl, 'staff.beihu');
    expect(new URL(page.url()).pathname).toBe('/staff');
    await page.waitForSelector('#board-summary:not(:empty)');

    // The day board for that day: the unassigned order comes first, flagged in words.
    await page.fill('#board-date', day);
    await page.click('#board-form button[type=submit]');
    await page.waitForSelector('#board tbody tr');
    const first = await page.textContent('#board tbody tr:first-child');
    expect(first).toContain('未派单');
    expect(first).toContain(resident.name);
    await screenshotsAtBothWidths(page, 'staff-board');

    // Roster week: add a shift.
    await page.click('[data-tab=roster]');
    await page.waitForSelector('#roster table');
    const caregiverId = await page.$eval('#shift-caregiver', (s: any) => s.options[1].value as string);
    await page.selectOption('#shift-caregiver', caregiverId);
    await page.fill('#shift-date', day);
    await page.fill('#shift-start', '20:00');
    await page.fill('#shift-end', '21:30');
    await page.click('#shift-submit');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#roster-done').textContent.includes('20:00'));
    const roster = await app.api('GET', `/facilities/${facilityId}/roster?from=${day}&to=${day}`, staff);
    expect(roster.body.shifts).toEqual(
      expect.arrayContaining([expect.objectContaining({ caregiverId, start: `${day}T20:00:00+08:00`, end: `${day}T21:30:00+08:00` })]),
    );
    // The same shift again overlaps: the error is shown in plain words.
    await page.click('#shift-submit');
    await page.waitForSelector('#shift-form .form-error:not(:empty)');
    expect(await page.textContent('#shift-form .form-error')).toContain('已经有班次');
    // Apply the weekly template as it stands (saving it applies it to the bookable days).
    await page.waitForSelector('#template table');
    await page.click('#tpl-submit');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#roster-done').textContent.includes('模板已保存并应用'));
    await screenshotsAtBothWidths(page, 'staff-roster');

    // Mark leave for another caregiver far ahead.
    const other = await page.$eval('#leave-caregiver', (s: any) => s.options[2].value as string);
    await page.selectOption('#leave-caregiver', other);
    await page.fill('#leave-from', shanghaiDate(10));
    await page.fill('#leave-to', shanghaiDate(10));
    await page.click('#leave-submit');
    // Leave asks first, saying which visits it would release (none that far ahead), then records.
    await page.waitForSelector('#leave-preview');
    expect(await page.textContent('#leave-preview')).toContain('没有已派的上门服务');
    await page.click('#leave-confirm');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#roster-done').textContent.includes('请假'));

    // Run the assignment for the day and see each assignment's explanation.
    await page.click('[data-tab=assign]');
    await page.fill('#assign-date', day);
    await page.click('#assign-run');
    await page.waitForSelector('#assign-result .msg');
    const result = await page.textContent('#assign-result');
    expect(result).toMatch(/已派 [1-9]\d* 单/);
    const card = await page.textContent('#assign-result article.assignment');
    expect(card).toContain(resident.name);
    expect(card).toContain('原因：');
    // The explanation in Chinese, as the page's language is.
    expect(card).toMatch(/距(出发地|上一单) [\d.]+ 公里/);
    const order = await app.api('GET', `/orders/${booked.body.id}`, staff);
    expect(order.body.status).toBe('assigned');
    expect(card).toContain(order.body.assignment.caregiverName);
    await screenshotsAtBothWidths(page, 'staff-assign');

    // The day board shows who goes and where.
    await page.click('[data-tab=board]');
    await page.click('#board-form button[type=submit]');
    const row = page.locator('#board tbody tr', { hasText: resident.name });
    await row.locator('td.caregiver', { hasText: order.body.assignment.caregiverName }).waitFor();
    expect(await row.locator('td.address').textContent()).toBe(resident.address);
    expect(await page.$$eval('#board thead th', (ths) => ths.map((th: any) => th.textContent))).toEqual(
      expect.arrayContaining(['护理员', '地址']),
    );
    await screenshotsForDocs(page, 'staff-board-columns', false);

    // Leave for that caregiver on that day names the visit it would release; 不改了 leaves things as they are.
    await page.click('[data-tab=roster]');
    await page.selectOption('#leave-caregiver', order.body.assignment.caregiverId);
    await page.fill('#leave-from', day);
    await page.fill('#leave-to', day);
    await page.click('#leave-submit');
    await page.waitForSelector('#leave-preview li');
    expect(await page.textContent('#leave-preview')).toContain('会重新派单');
    expect(await page.textContent('#leave-preview li')).toContain(resident.name);
    await page.click('#leave-preview button:has-text("不改了")');
    await expect(app.api('GET', `/orders/${booked.body.id}`, staff).then((r) => r.body.status)).resolves.toBe('assigned');

    // Kitchen sheet and phone booking render.
    await page.click('[data-tab=kitchen]');
    await page.click('#kitchen-form button[type=submit]');
    await page.waitForSelector('#kitchen article, #kitchen p');
    await screenshotsAtBothWidths(page, 'staff-kitchen');
    // Printed, only the sheet is on the A4 page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('header.top')).toBe(false);
    expect(await page.isVisible('#kitchen-form')).toBe(false);
    expect(await page.isVisible('#kitchen')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-tab=phone]');
    await page.fill('#phone-q', resident.name);
    await page.click('#phone-search button');
    await page.waitForSelector('#phone-residents label.choice');
    // Price and subsidy show before 代老人预约.
    await page.locator('#phone-residents label.choice').first().click();
    await page.selectOption('#phone-service', 'meal.dine_in');
    await page.selectOption('#phone-day', shanghaiDate(1));
    await page.waitForSelector('#phone-slots label.choice');
    await page.locator('#phone-slots label.choice').first().click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#phone-quote').textContent.includes('老人付'));
    expect(await page.textContent('#phone-quote')).toMatch(/^价格（预约前） 原价 ¥\d+\.\d\d，补贴 ¥\d+\.\d\d，老人付 ¥\d+\.\d\d。$/);
    await screenshotsAtBothWidths(page, 'staff-phone');
    await screenshotsForDocs(page, 'staff-phone-quote');

    // Staff pages: the same contrast and 44 px targets; denser text is allowed.
    for (const s of await textSamples(page, 'body'))
      expect({ text: s.text, ok: s.contrast >= (s.large ? 3 : 4.5) && s.lineHeightRatio >= 1.3 }).toEqual({ text: s.text, ok: true });
    for (const tg of await targets(page))
      expect({ what: tg.what, ok: tg.width >= 44 && tg.height >= 44 }).toEqual({ what: tg.what, ok: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
