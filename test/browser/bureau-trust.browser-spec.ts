import { describe, expect, it } from '@jest/globals';
import { DESKTOP, newPage, screenshotsForDocs, shanghaiDate, signIn, useBrowserApp } from './support.js';

/** Issue 18, items 8 and 9: a dashboard that says how fresh it is, and that loads on a slow phone network. */
describe('the bureau dashboard can be trusted and loads on a slow network', () => {
  const app = useBrowserApp();

  const loaded = async (page: import('playwright-core').Page) => {
    await page.waitForSelector('#map svg g[data-band]');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('#totals').textContent.length > 0);
  };

  it('loads in under 3 s on a slow 4G profile (1.6 Mbps, 150 ms RTT), compressed (gzip or brotli) and cacheable', async () => {
    const { page, errors, context } = await newPage(app.session, DESKTOP);
    await signIn(page, app.baseUrl, 'bureau');
    await loaded(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 1.6e6 / 8,
      uploadThroughput: 750e3 / 8,
    });
    const responses: { url: string; headers: Record<string, string> }[] = [];
    page.on('response', (r) => responses.push({ url: r.url(), headers: r.headers() }));
    // Three cold loads: other processes on a shared machine only ever add time, so the best is the page's own.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await cdp.send('Network.clearBrowserCache');
      const started = Date.now();
      await page.goto(`${app.baseUrl}/bureau`);
      await loaded(page);
      times.push(Date.now() - started);
      const timeline = await page.evaluate(() =>
        (globalThis as any).performance
          .getEntriesByType('resource')
          .map(
            (e: any) =>
              `  ${Math.round(e.startTime)}–${Math.round(e.responseEnd)} ms ${e.name.replace(/^https?:\/\/[^/]+/, '')} (${e.encodedBodySize} B)`,
          ),
      );
      console.log(
        `bureau page on 1.6 Mbps / 150 ms RTT, cold cache, load ${i + 1}: ${times[i]} ms to charts, map and totals\n${timeline.join('\n')}`,
      );
    }
    expect(Math.min(...times)).toBeLessThan(3000);

    // Only the common chart build, gzipped, cached for days; pages revalidate by ETag.
    const echarts = responses.find((r) => r.url.includes('/vendor/echarts/'))!;
    expect(echarts.url).toMatch(/echarts\.common\.min\.js$/);
    expect(echarts.headers['content-encoding']).toMatch(/^(gzip|br)$/);
    expect(echarts.headers['cache-control']).toMatch(/max-age=\d{5,}/);
    const script = responses.find((r) => r.url.endsWith('/js/bureau.js'))!;
    expect(script.headers['content-encoding']).toMatch(/^(gzip|br)$/);
    expect(script.headers['cache-control']).toBe('no-cache');
    expect(script.headers.etag).toBeTruthy();
    const report = responses.find((r) => r.url.includes('/api/v1/reports/utilisation'))!;
    expect(report.headers['content-encoding']).toMatch(/^(gzip|br)$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says "数据截至" on every panel, refuses a month that has not begun, and does not call no data "unserved"', async () => {
    const { page, errors, context } = await newPage(app.session, DESKTOP);
    await signIn(page, app.baseUrl, 'bureau');
    await loaded(page);
    const panels = await page.$$eval('.chart-box', (bs) => bs.map((b: any) => b.querySelector(':scope > p.as-of')?.textContent ?? ''));
    expect(panels.length).toBeGreaterThanOrEqual(6);
    for (const text of panels) expect(text).toMatch(/数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await screenshotsForDocs(page, 'bureau-as-of', false);

    // Next month: the picker stops at this month, and a typed-in future month is refused in words.
    const month = shanghaiDate().slice(0, 7);
    expect(await page.getAttribute('#month', 'max')).toBe(month);
    const [y, m] = month.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    await page.fill('#month', next);
    await page.click('#apply');
    await page.waitForSelector('#filters .form-error:not(:empty)');
    expect(await page.textContent('#filters .form-error')).toContain('这个月还没到');

    // A month before any service: coverage is unknown, not 100 % unserved.
    await page.fill('#month', `${y - 1}-${String(m).padStart(2, '0')}`);
    await page.click('#apply');
    await page.waitForSelector('#c3-h + .no-coverage');
    expect(await page.textContent('#c3-h + .no-coverage')).toContain('不等于“全部未服务”');
    // The charts show how many people there are, with no "unserved" series.
    const series = await page.evaluate(() => {
      const g = globalThis as any;
      return ['chart-group', 'chart-street'].map((id) =>
        g.echarts
          .getInstanceByDom(g.document.getElementById(id))
          .getOption()
          .series.map((s: any) => s.name),
      );
    });
    expect(series).toEqual([['人数'], ['应保对象']]);
    expect(await page.textContent('#table-group tbody')).toContain('—');
    expect(await page.textContent('.chart-box:has(#c3-h) p.as-of')).toMatch(/数据截至 \d{4}-\d{2}-\d{2} 24:00/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
