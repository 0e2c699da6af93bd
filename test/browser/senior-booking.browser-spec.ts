import { describe, expect, it } from '@jest/globals';
import { PHONE, newPage, screenshotsAtBothWidths, shanghaiDate, signIn, useBrowserApp } from './support.js';
import { focused, inViewport, tabTo, targets, textSamples } from './ui-checks.js';

describe('seniors and families book in the browser', () => {
  const app = useBrowserApp();

  it('a family member books a lunch for a linked senior and sees it in upcoming orders', async () => {
    const { page, errors, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'family.demo');
    expect(new URL(page.url()).pathname).toBe('/senior');
    // Two linked seniors: switch to 李国华.
    await page.waitForSelector('#resident option', { state: 'attached' });
    const options = await page.$$eval('#resident option', (os) => os.map((o: any) => o.textContent as string));
    expect(options.length).toBe(2);
    const li = await page.$eval('#resident', (s: any) => [...s.options].find((o: any) => o.textContent.includes('李国华')).value as string);
    await page.selectOption('#resident', li);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#resident-info').textContent.includes('李国华'));

    await page.click('label[for="category-meal"]');
    await page.click('label[for="serviceCode-meal_dine_in"]');
    await page.locator('#facilities label.choice').first().click();
    const tomorrow = shanghaiDate(1);
    await page.click(`label[for="day-${tomorrow}"]`);
    await page.waitForSelector('#slots label.choice');
    const slots = await page.$$eval('#slots input', (is) => is.map((i: any) => i.value as string));
    expect(slots.length).toBeGreaterThan(0);
    const lunch = slots.find((s) => s.includes('T11:') || s.includes('T12:'))!;
    expect(lunch).toBeDefined();
    await page.locator('#slots label.choice', { has: page.locator(`input[value="${lunch}"]`) }).click();
    // Before confirming: the quote, with what the senior will pay, and the subsidy rule for their category.
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#price-box').textContent.includes('您需付'));
    const quoted = await page.textContent('#price-box');
    expect(quoted).toContain('原价 ¥12.00');
    const toPay = /您需付\s*(¥\d+\.\d\d)/.exec(quoted!)![1];
    await screenshotsAtBothWidths(page, 'senior-booking');
    await page.click('#confirm');
    await page.waitForSelector('#booked h3, #book-form .form-error:not(:empty)');
    expect(await page.textContent('#book-form .form-error')).toBe('');
    const booked = await page.textContent('#booked');
    expect(booked).toContain('预约成功');
    // The booking costs what was quoted.
    expect(booked).toMatch(new RegExp(`您需付\\s*\\${toPay}`));

    // The order is in the upcoming list, and the API agrees.
    await page.waitForSelector('#upcoming article');
    const upcoming = await page.textContent('#upcoming');
    expect(upcoming).toContain('助餐·堂食');
    expect(upcoming).toContain(lunch.slice(11, 16));
    const family = await app.token('family.demo');
    const orders = await app.api('GET', `/orders?residentId=${li}&from=${tomorrow}&to=${tomorrow}`, family);
    expect(orders.body.items).toEqual([
      expect.objectContaining({ serviceCode: 'meal.dine_in', slot: expect.objectContaining({ start: lunch }), channel: 'family' }),
    ]);
    await screenshotsAtBothWidths(page, 'senior-upcoming');

    // Reschedule it to the day after, inline.
    await page.click('#upcoming article button:has-text("改时间")');
    const dayAfter = shanghaiDate(2);
    await page.selectOption('#upcoming article select', dayAfter);
    await page.waitForSelector(`#upcoming article label.choice input[value^="${dayAfter}"]`, { state: 'attached' });
    await page.locator('#upcoming article label.choice').first().click();
    await page.click('#upcoming article button:has-text("确认改到这个时间")');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#orders-msg').textContent.includes('已修改'));
    await page.waitForFunction((d: string) => (globalThis as any).document.querySelector('#upcoming').textContent.includes(d), dayAfter);

    // Cancel it inline (no pop-up): pick a reason, confirm, and it leaves the list.
    await page.click('#upcoming article button:has-text("取消预约")');
    await page.click('#upcoming article button:has-text("确认取消")');
    await page.waitForFunction(() => !(globalThis as any).document.querySelector('#upcoming article'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('meets the senior-view figures: 18 px text, line height 1.3, contrast 4.5:1, 60 px targets, at phone width', async () => {
    const { page, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'senior.demo');
    await page.click('label[for="category-cleaning"]');
    await page.waitForSelector('#facilities label.choice');
    await page.locator('#facilities label.choice').first().click();
    await page.locator('#days label.choice').nth(1).click();
    await page.waitForSelector('#slots label.choice, #slots .msg');
    const samples = await textSamples(page, 'body');
    expect(samples.length).toBeGreaterThan(20);
    for (const s of samples) {
      expect({ text: s.text, fontPx: s.fontPx >= 18 }).toEqual({ text: s.text, fontPx: true });
      expect({ text: s.text, lineHeight: s.lineHeightRatio >= 1.3 }).toEqual({ text: s.text, lineHeight: true });
      expect({ text: s.text, contrast: s.contrast >= (s.large ? 3 : 4.5) }).toEqual({ text: s.text, contrast: true });
    }
    const headings = await page.$$eval('h1, h2, legend', (hs) =>
      hs.map((h: any) => parseFloat((globalThis as any).getComputedStyle(h).fontSize)),
    );
    for (const px of headings) expect(px).toBeGreaterThan(20);
    const main = await targets(page);
    expect(main.length).toBeGreaterThan(8);
    for (const tg of main) expect({ what: tg.what, big: tg.width >= 60 && tg.height >= 60 }).toEqual({ what: tg.what, big: true });
    // No sideways scrolling at 375 px.
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(PHONE.width);
    // The larger-text switch makes the text larger still.
    const before = await page.$eval('#book-h', (h: any) => parseFloat((globalThis as any).getComputedStyle(h).fontSize));
    await page.click('#big-switch');
    const after = await page.$eval('#book-h', (h: any) => parseFloat((globalThis as any).getComputedStyle(h).fontSize));
    expect(after).toBeGreaterThan(before);
    await expect(page.getAttribute('#big-switch', 'aria-pressed')).resolves.toBe('true');
    await screenshotsAtBothWidths(page, 'senior-large-text');
    await page.click('#big-switch');
    // English switch.
    await page.click('#lang-switch');
    await expect(page.textContent('#book-h')).resolves.toBe('Book a service');
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
    await page.click('#lang-switch');
    await context.close();
  });

  it('books a lunch with the keyboard alone: each new step comes into view with focus in it, Enter only selects', async () => {
    const { page, errors, context } = await newPage(app.session, PHONE);
    await page.goto(`${app.baseUrl}/`);
    await tabTo(page, (f) => f.id === 'username');
    await page.keyboard.type('senior.demo');
    await tabTo(page, (f) => f.id === 'password');
    await page.keyboard.type('demo1234');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/senior');
    await page.waitForSelector('#categories input');
    const me = (await app.api('GET', '/me/residents', await app.token('senior.demo'))).body[0];

    // Arrow keys walk a group; Enter takes the focused choice and moves on. No hand scrolling anywhere.
    const pick = async (name: string, wanted: (value: string) => boolean) => {
      await page.waitForFunction((n: string) => (globalThis as any).document.activeElement?.name === n, name);
      for (let i = 0; i < 20 && !wanted((await focused(page)).value); i++) await page.keyboard.press('ArrowDown');
      expect(wanted((await focused(page)).value)).toBe(true);
      await page.keyboard.press('Enter');
    };
    await tabTo(page, (f) => f.name === 'category');
    await pick('category', (v) => v === 'meal');
    // Enter selected the tile and nothing else: no form error for a field not reached yet.
    await page.waitForSelector('#step-service:not([hidden])');
    expect(await page.$eval('#categories input[value="meal"]', (i: any) => i.checked)).toBe(true);
    expect(await page.textContent('#book-form .form-error')).toBe('');
    expect(await page.$$eval('#book-form .field-error', (es) => es.map((e: any) => e.textContent).join(''))).toBe('');
    await expect(inViewport(page)).resolves.toBe(true);

    await pick('serviceCode', (v) => v === 'meal.dine_in');
    // The senior's own centre is chosen already: focus goes straight to the day.
    expect(await page.$eval('#facilities input:checked', (i: any) => i.value)).toBe(me.homeFacilityId);
    await pick('day', (v) => v === shanghaiDate(1));
    await expect(inViewport(page)).resolves.toBe(true);
    await pick('slotStart', (v) => v.includes('T11:') || v.includes('T12:'));
    // The confirm button has focus and is on screen when reached.
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.id === 'confirm');
    const confirm = await focused(page);
    expect(confirm.visible).toBe(true);
    await expect(inViewport(page)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#booked h3, #book-form .form-error:not(:empty)');
    expect(await page.textContent('#book-form .form-error')).toBe('');
    // Focus moves to the confirmation, which names the senior and which a screen reader announces.
    await expect(focused(page)).resolves.toMatchObject({ id: 'booked' });
    expect(await page.textContent('#booked h3')).toBe(`为${me.name}预约成功`);
    await page.waitForSelector('#upcoming article');
    expect(await page.textContent('#upcoming article .senior-name')).toBe(me.name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an API error in plain words next to the field at fault', async () => {
    const { page, context } = await newPage(app.session, PHONE);
    await page.goto(`${app.baseUrl}/`);
    // The form asks for the mobile number the service accepts, not only a username.
    await expect(page.textContent('label[for="username"]')).resolves.toBe('手机号或用户名');
    await page.click('#login-submit');
    await expect(page.textContent('#username-error')).resolves.toContain('手机号或用户名: 请填写');
    await expect(page.getAttribute('#username', 'aria-invalid')).resolves.toBe('true');
    await page.fill('#username', 'senior.demo');
    await page.fill('#password', 'wrong-password');
    await page.click('#login-submit');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#login-form .form-error').textContent.length > 0);
    await expect(page.textContent('#login-form .form-error')).resolves.toContain('或密码不对');
    await screenshotsAtBothWidths(page, 'sign-in-error');
    await context.close();
  });
});
