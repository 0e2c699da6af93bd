import { describe, expect, it } from '@jest/globals';
import { PHONE, newPage, screenshotsForDocs, shanghaiDate, signIn, useBrowserApp } from './support.js';
import { textSamples } from './ui-checks.js';
import { TEST_PASSWORD } from '../fixtures/index.js';

describe('a family sees where their senior lives and the month’s statement', () => {
  const app = useBrowserApp();

  it('shows the home, the bed and the charge, subsidy and co-pay in 元', async () => {
    const admin = (await app.api('POST', '/auth/login', undefined, { username: 'admin', password: TEST_PASSWORD })).body
      .accessToken as string;
    const family = await app.token('family.demo');
    const linked = (await app.api('GET', '/me/residents', family)).body as { id: string; name: string }[];
    const senior = linked[0];
    const home = (await app.api('GET', '/facilities?type=rural_home&pageSize=1', admin)).body.items[0];
    const bed = await app.api('POST', `/facilities/${home.id}/beds`, admin, { code: 'F-801-1', room: 'F801', careType: 'partial_care' });
    expect(bed.status).toBe(201);
    const admitted = await app.api('POST', '/admissions', admin, {
      residentId: senior.id,
      facilityId: home.id,
      careType: 'partial_care',
      bedId: bed.body.id,
      from: shanghaiDate(0),
    });
    expect(admitted.status).toBe(201);
    expect(admitted.body.status).toBe('admitted');
    const month = shanghaiDate(0).slice(0, 7);
    const statement = (await app.api('GET', `/residents/${senior.id}/statements?month=${month}`, family)).body;
    expect(statement.baseFen).toBeGreaterThan(0);
    const inYuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

    const { page, errors, context } = await newPage(app.session, PHONE);
    await signIn(page, app.baseUrl, 'family.demo');
    const panel = `#residences [data-resident="${senior.id}"]`;
    await page.waitForSelector(panel);
    const text = await page.textContent(panel);
    expect(text).toContain(senior.name);
    expect(text).toContain(home.name);
    expect(text).toContain('F-801-1');
    expect(await page.textContent(`${panel} [data-fig=charge]`)).toBe(inYuan(statement.baseFen));
    expect(await page.textContent(`${panel} [data-fig=subsidy]`)).toBe(inYuan(statement.subsidyFen));
    expect(await page.textContent(`${panel} [data-fig=copay]`)).toBe(inYuan(statement.copayFen));
    // Only the senior with a current admission gets a panel.
    expect(await page.$$eval('#residences [data-resident]', (els) => els.length)).toBe(1);
    // Senior-friendly: no text in the panel under 20 px.
    const small = (await textSamples(page, '#residence')).filter((s) => s.fontPx < 20);
    expect(small).toEqual([]);
    await page.locator('#residence').scrollIntoViewIfNeeded();
    await screenshotsForDocs(page, 'family-residence', false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
