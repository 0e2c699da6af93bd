import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { DESKTOP, SCREENSHOTS, newPage, screenshotsAtBothWidths, shanghaiDate, signIn, useBrowserApp } from './support.js';
import { expectStaffContrastAndTargets } from './ui-checks.js';

const CHARTS = ['chart-facility', 'chart-time', 'chart-group', 'chart-street', 'chart-subsidy', 'chart-occupancy', 'chart-institutional'];

describe('the bureau dashboard in the browser', () => {
  const app = useBrowserApp();

  beforeAll(async () => {
    // Some lunches at the demo centre tomorrow, so fill rates are not all zero.
    const staff = await app.token('staff.beihu');
    const facilityId = (await app.api('GET', '/auth/me', staff)).body.facilityId;
    const residents = (await app.api('GET', `/residents?facilityId=${facilityId}&pageSize=8`, staff)).body.items;
    const slot = (await app.api('GET', `/facilities/${facilityId}/availability?service=meal.dine_in&date=${shanghaiDate(1)}`, staff))
      .body[0];
    for (const r of residents) {
      await app.api(
        'POST',
        '/orders',
        staff,
        { residentId: r.id, serviceCode: 'meal.dine_in', facilityId, slotStart: slot.start },
        { 'Idempotency-Key': `lunch-${r.id}` },
      );
    }
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
        return {
          id,
          width: canvas?.width ?? 0,
          height: canvas?.height ?? 0,
          points: option?.series?.[0]?.data?.length ?? 0,
          categories: option?.yAxis?.[0]?.data ?? [],
        };
      });
    }, CHARTS);

  it('renders the charts, the facility map, filters by district and downloads CSV', async () => {
    const { page, errors, context } = await newPage(app.session, DESKTOP, { acceptDownloads: true });
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
    // The 11 county-level outlines of Chenzhou lie under the points, named as the registry's divisions.
    const regions = await page.$$eval('#map svg path[data-region]', (ps) =>
      ps.map((p: any) => ({
        name: p.getAttribute('data-region') as string,
        code: p.getAttribute('data-code') as string,
        d: (p.getAttribute('d') as string).length,
      })),
    );
    expect(regions).toHaveLength(11);
    const counties = (await app.api('GET', '/divisions', await app.token('bureau'))).body as { code: string; name: string }[];
    expect(regions.map((r) => `${r.code} ${r.name}`).sort()).toEqual(counties.map((c) => `${c.code} ${c.name}`).sort());
    for (const r of regions) expect(r.d).toBeGreaterThan(200);
    // Coloured by bed occupancy instead: the facilities without beds (— in the table) become diamonds.
    const bedless = await page.$$eval('#table-map tbody tr', (rs) => rs.filter((r: any) => r.children[4].textContent === '—').length);
    expect(bedless).toBeLessThan(points);
    await page.click('.map-colour button[data-colour="occupancy"]');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#legend').textContent.includes('床位利用率 90% 以上'));
    expect(await page.getAttribute('.map-colour button[data-colour="occupancy"]', 'aria-pressed')).toBe('true');
    expect(await page.$$eval('#map svg g[data-band]', (gs) => gs.length)).toBe(points);
    expect(await page.$$eval('#map svg g[data-band="none"]', (gs) => gs.length)).toBe(bedless);
    expect(await page.$$eval('#map svg path[data-region]', (ps) => ps.length)).toBe(11);
    await page.locator('section.chart-box.map').scrollIntoViewIfNeeded();
    for (const size of [
      { width: 390, height: 844 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      await page.locator('section.chart-box.map').screenshot({ path: path.join(SCREENSHOTS, `bureau-map-counties-${size.width}.png`) });
    }
    await page.setViewportSize(DESKTOP);
    await page.click('.map-colour button[data-colour="fill"]');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#legend').textContent.includes('满员率 90% 以上'));
    await screenshotsAtBothWidths(page, 'bureau-dashboard');

    // District filter: the facility chart and the map keep only that district's facilities.
    await page.selectOption('#district', '北湖区');
    await page.click('#apply');
    await page.waitForFunction((n: number) => (globalThis as any).document.querySelectorAll('#map svg g[data-band]').length < n, points);
    const filtered = (await chartData(page)).find((c) => c.id === 'chart-facility')!;
    expect(filtered.points).toBeGreaterThan(0);
    const facilityNames = await page.$$eval('#table-facility tbody tr td:first-child', (tds) =>
      tds.map((td: any) => td.textContent as string),
    );
    expect(facilityNames.length).toBeGreaterThan(0);
    for (const name of facilityNames) expect(name).toMatch(/北湖区|街道|社区|中心|敬老院/);
    await screenshotsAtBothWidths(page, 'bureau-beihu');

    // CSV download through the page (the token travels in the header, not the link).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-csv=utilisation-facility]')]);
    expect(download.suggestedFilename()).toMatch(/^utilisation-facility-\d{4}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toContain('满员率(%)');

    await expectStaffContrastAndTargets(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a point on the map opens the facility name, fill rate and bed occupancy, by click or keyboard; the table beside says the same', async () => {
    const month = shanghaiDate().slice(0, 7);
    const [y, m] = month.split('-').map(Number);
    const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    const bureau = await app.token('bureau');
    const fill = (await app.api('GET', `/reports/utilisation?from=${month}-01&to=${to}&groupBy=facility`, bureau)).body.rows as any[];
    const beds = (await app.api('GET', `/reports/occupancy?from=${month}-01&to=${to}&groupBy=facility`, bureau)).body.rows as any[];
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    const fillText = (id: string) => {
      const r = fill.find((x) => x.key === id);
      return r && r.capacity > 0 ? `满员率 ${pct(r.fillRate)}（${r.capacity} 个名额已约 ${r.booked} 个）` : '没有名额数据（菱形）';
    };
    const bedText = (id: string) => {
      const r = beds.find((x) => x.key === id);
      return r && r.beds > 0 ? `床位利用率 ${pct(r.occupancyRate)}（${r.beds} 张床位）` : '不设床位';
    };

    const { page, errors, context } = await newPage(app.session, DESKTOP);
    await signIn(page, app.baseUrl, 'bureau');
    await page.waitForSelector('#map svg g[data-band]');
    await page.waitForSelector('#table-map tbody tr', { state: 'attached' });
    // A facility with places, whose point is not under another one (the demo centre if so): clicked.
    const demoCentre = (await app.api('GET', '/auth/me', await app.token('staff.beihu'))).body.facilityId as string;
    const withBeds = beds.filter((r) => r.beds > 0).map((r) => r.key as string);
    expect(withBeds.length).toBeGreaterThan(0);
    await page.locator('#map svg').scrollIntoViewIfNeeded();
    const onTop = await page.$$eval('#map g[data-facility]', (gs) =>
      gs
        .filter((g: any) => {
          const r = g.querySelector(':not(title)').getBoundingClientRect();
          return g.contains((globalThis as any).document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
        })
        .map((g: any) => g.getAttribute('data-facility') as string),
    );
    const withPlaces = onTop.filter((id) => fill.some((r) => r.key === id && r.capacity > 0));
    const centre = withPlaces.includes(demoCentre) ? demoCentre : withPlaces[0];
    expect(centre).toBeDefined();
    await page.click(`#map g[data-facility="${centre}"]`);
    const card = page.locator('#map .map-card');
    await card.waitFor();
    const facilities = new Map(((await app.api('GET', '/facilities?pageSize=200', bureau)).body.items as any[]).map((f) => [f.id, f]));
    expect(await card.locator('h3').textContent()).toBe(facilities.get(centre).name);
    expect(await card.locator('.fill').textContent()).toBe(fillText(centre));
    expect(await card.locator('.beds').textContent()).toBe(bedText(centre));
    expect(await page.getAttribute(`#map g[data-facility="${centre}"]`, 'aria-expanded')).toBe('true');

    // A home with beds, from the keyboard: Enter opens its card with focus on 关闭, Escape closes it and returns focus.
    const home = withBeds[0];
    await page.focus(`#map g[data-facility="${home}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n: string) => (globalThis as any).document.querySelector('#map .map-card h3')?.textContent === n,
      facilities.get(home).name,
    );
    expect(await page.$$eval('#map .map-card', (c) => c.length)).toBe(1);
    expect(await card.locator('.fill').textContent()).toBe(fillText(home));
    expect(await card.locator('.beds').textContent()).toBe(bedText(home));
    expect(bedText(home)).toMatch(/^床位利用率 \d+\.\d%（\d+ 张床位）$/);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.textContent)).toBe('关闭');
    for (const size of [
      { width: 390, height: 844 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await page.locator('section.chart-box.map').screenshot({ path: path.join(SCREENSHOTS, `bureau-map-card-${size.width}.png`) });
    }
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.getAttribute('data-facility'))).toBe(home);

    // The table beside the map: the same figures in words, one row a facility.
    const row = (id: string) =>
      page.$$eval(`#table-map tbody tr[data-facility="${id}"] > *`, (cs) => cs.map((c: any) => c.textContent as string));
    const homeRow = await row(home);
    const bedRow = beds.find((r) => r.key === home);
    expect(homeRow[0]).toBe(facilities.get(home).name);
    expect(homeRow[4]).toBe(String(bedRow.beds));
    expect(homeRow[5]).toBe(pct(bedRow.occupancyRate));
    const centreRow = await row(centre);
    expect(centreRow[2]).toBe(pct(fill.find((r) => r.key === centre).fillRate));
    const centreBeds = beds.find((r) => r.key === centre);
    expect(centreRow.slice(4)).toEqual(centreBeds?.beds > 0 ? [String(centreBeds.beds), pct(centreBeds.occupancyRate)] : ['—', '—']);
    expect(await page.$$eval('#table-map tbody tr', (rs) => rs.length)).toBe(await page.$$eval('#map svg g[data-band]', (gs) => gs.length));
    expect(errors).toEqual([]);
    await context.close();
  });
});
