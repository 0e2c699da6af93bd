import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DESKTOP, launchBrowser, newPage, screenshotsAtBothWidths, shanghaiDate, signIn, startBrowserApp, type BrowserApp, type BrowserSession } from './support.js';
import { targets, textSamples } from './ui-checks.js';

const CHARTS = ['chart-facility', 'chart-time', 'chart-group', 'chart-street', 'chart-subsidy', 'chart-occupancy', 'chart-institutional'];

describe('the bureau dashboard in the browser', () => {
  let app: BrowserApp;
  let session: BrowserSession;

  beforeAll(async () => {
    app = await startBrowserApp();
    session = await launchBrowser();
    // Some lunches at the demo centre tomorrow, so fill rates are not all zero.
    const staff = await app.token('staff.beihu');
    const facilityId = (await app.api('GET', '/auth/me', staff)).body.facilityId;
    const residents = (await app.api('GET', `/residents?facilityId=${facilityId}&pageSize=8`, staff)).body.items;
    const slot = (await app.api('GET', `/facilities/${facilityId}/availability?service=meal.dine_in&date=${shanghaiDate(1)}`, staff)).body[0];
    for (const r of residents) {
      await app.api('POST', '/orders', staff, { residentId: r.id, serviceCode: 'meal.dine_in', facilityId, slotStart: slot.start }, { 'Idempotency-Key': `lunch-${r.id}` });
    }
  });
  afterAll(async () => {
    await session?.close();
    await app?.close();
  });

  /** Per chart: the canvas size and the number of data points in its first series. */
  const chartData = (page: import('playwright-core').Page) =>
    page.evaluate((ids: string[]) => {
      const g = globalThis as any;
      return ids.map((id) => {
        const node = g.document.getElementById(id);
        const chart = g.echarts.getInstanceByDom(node);
        const canvas = node.querySelector('canvas');
        const option = chart?.getOption();
        return { id, width: canvas?.width ?? 0, height: canvas?.height ?? 0, points: option?.series?.[0]?.data?.length ?? 0, categories: option?.yAxis?.[0]?.data ?? [] };
      });
    }, CHARTS);

  it('renders the charts, the facility map, filters by district and downloads CSV', async () => {
    const { page, errors, context } = await newPage(session, DESKTOP, { acceptDownloads: true });
    await signIn(page, app.baseUrl, 'bureau');
    expect(new URL(page.url()).pathname).toBe('/bureau');
    await page.waitForSelector('#map svg g[data-band]');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#totals').textContent.length > 0);
    const charts = await chartData(page);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(100);
    }
    const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
    expect(byId['chart-facility'].points).toBeGreaterThan(5);
    expect(byId['chart-time'].points).toBeGreaterThan(0);
    expect(byId['chart-group'].points).toBe(5);
    expect(byId['chart-street'].points).toBeGreaterThan(0);
    // Beds in every rural home of the demo city: each district with a home has an occupancy bar.
    expect(byId['chart-occupancy'].points).toBeGreaterThan(5);
    expect(await page.textContent('#table-occupancy')).toContain('%');
    const points = await page.$$eval('#map svg g[data-band]', (gs) => gs.length);
    expect(points).toBeGreaterThan(40);
    // The legend says in words what each shape means.
    expect(await page.textContent('#legend')).toContain('满员率 90% 以上');
    await screenshotsAtBothWidths(page, 'bureau-dashboard');

    // District filter: the facility chart and the map keep only that district's facilities.
    await page.selectOption('#district', '北湖区');
    await page.click('#apply');
    await page.waitForFunction((n: number) => (globalThis as any).document.querySelectorAll('#map svg g[data-band]').length < n, points);
    const filtered = (await chartData(page)).find((c) => c.id === 'chart-facility')!;
    expect(filtered.points).toBeGreaterThan(0);
    const facilityNames = await page.$$eval('#table-facility tbody tr td:first-child', (tds) => tds.map((td: any) => td.textContent as string));
    expect(facilityNames.length).toBeGreaterThan(0);
    for (const name of facilityNames) expect(name).toMatch(/北湖区|街道|社区|中心|敬老院/);
    await screenshotsAtBothWidths(page, 'bureau-beihu');

    // CSV download through the page (the token travels in the header, not the link).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-csv=utilisation-facility]')]);
    expect(download.suggestedFilename()).toMatch(/^utilisation-facility-\d{4}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toContain('满员率(%)');

    for (const s of await textSamples(page, 'body')) expect({ text: s.text, ok: s.contrast >= (s.large ? 3 : 4.5) }).toEqual({ text: s.text, ok: true });
    for (const tg of await targets(page)) expect({ what: tg.what, ok: tg.width >= 44 && tg.height >= 44 }).toEqual({ what: tg.what, ok: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
