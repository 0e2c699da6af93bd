import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, isoWeekday, shanghaiDate } from '../../src/common/shanghai-time.js';
import { CapacityService } from '../../src/rosters/capacity.service.js';
import { seedDemoCity } from '../../src/seed/demo-city.js';
import { seedHistory } from '../../src/seed/history.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HISTORY_DAYS = 21;

/**
 * A small demo city with three weeks of past: every report the bureau and the staff look at first
 * shows real figures for those weeks, the database invariants hold over the written history, and
 * the capacity job runs over it without a clash.
 */
describe('the demo city’s recent past', () => {
  let t: TestApp;
  let bureau: string;
  let staff: string;
  const lines: string[] = [];
  const today = shanghaiDate(Date.now());
  const yesterday = addDays(today, -1);
  const firstDay = addDays(today, -HISTORY_DAYS);
  /** The month the history starts in: most of its days are in the past. */
  const month = firstDay.slice(0, 7);
  const get = async (path: string, auth: string) => (await t.http().get(`/api/v1${path}`).set('Authorization', auth).expect(200)).body;
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await t.db.query<T[]>(sql, params))[0];

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoCity(t.db, { residents: 200, historyDays: HISTORY_DAYS, travelMinutes: 20, log: (line) => lines.push(line) });
    const login = async (username: string) =>
      `Bearer ${(await t.http().post('/api/v1/auth/login').send({ username, password: 'demo1234' }).expect(200)).body.accessToken as string}`;
    bureau = await login('bureau');
    staff = await login('staff.beihu');
  });
  afterAll(async () => t?.close());

  it('logs one progress line per step', () => {
    const history = lines.filter((l) => l.startsWith('history: '));
    expect(history.map((l) => l.replace(/\d[\d.-]*/g, 'N'))).toEqual([
      expect.stringMatching(/^history: N to N planned: N shifts and N slots a week over N facilities \(N s\)$/),
      expect.stringMatching(/^history: N orders planned for N residents, N visits, N ratings \(N s\)$/),
      expect.stringMatching(/^history: N shifts and N slots written \(N s\)$/),
      expect.stringMatching(/^history: N orders with their status history written \(N s\)$/),
      expect.stringMatching(/^history: N assignments, N visits, N ratings, N allowance months written \(N s\)$/),
      expect.stringMatching(/^history: report rollups rebuilt for N facility days and N resident months \(N s\)$/),
    ]);
  });

  it('shows utilisation for every past day, with a weekly rhythm, and outcomes of every kind', async () => {
    const byDay = await get(`/reports/utilisation?from=${firstDay}&to=${yesterday}&groupBy=day`, bureau);
    expect(byDay.rows).toHaveLength(HISTORY_DAYS);
    for (const row of byDay.rows) {
      expect(row.capacity).toBeGreaterThan(0);
      expect(row.booked).toBeGreaterThan(0);
      expect(row.completed).toBeGreaterThan(0);
      expect(row.fillRate).toBeGreaterThan(0);
      expect(row.caregiverUtilisation).toBeGreaterThan(0);
    }
    const mean = (weekend: boolean) => {
      const rows = byDay.rows.filter((r: { key: string }) => isoWeekday(r.key) >= 6 === weekend);
      return rows.reduce((n: number, r: { booked: number }) => n + r.booked, 0) / rows.length;
    };
    expect(mean(false)).toBeGreaterThan(mean(true));
    const total = (await get(`/reports/utilisation?from=${firstDay}&to=${yesterday}&groupBy=service`, bureau)).rows as Record<
      string,
      number
    >[];
    const sum = (k: string) => total.reduce((n, r) => n + r[k], 0);
    for (const k of ['completed', 'cancelled', 'noShow', 'missed', 'assignedMinutes']) expect(sum(k)).toBeGreaterThan(0);
    // Meals are the most booked service, as in the city.
    const meals = total.filter((r) => String(r.key).startsWith('meal.')).reduce((n, r) => n + r.booked, 0);
    expect(meals).toBeGreaterThan(sum('booked') / 2);
  });

  it('compares the street centres on figures, not zeros', async () => {
    const report = await get(`/reports/facilities?month=${month}&facilityType=street_centre`, bureau);
    expect(report.rows).toHaveLength(13);
    for (const row of report.rows) expect(row.capacity).toBeGreaterThan(0);
    // A small city leaves some centres with few residents; most show bookings, ranked by fill rate.
    const busy = report.rows.filter((r: { booked: number }) => r.booked > 0);
    expect(busy.length).toBeGreaterThan(report.rows.length / 2);
    expect(report.rows[0].rank).toBe(1);
    expect(report.rows[0].fillRate).toBeGreaterThan(0);
  });

  it('shows coverage and subsidy spend for the month, reconciled', async () => {
    const coverage = await get(`/reports/coverage?month=${month}`, bureau);
    expect(coverage.groups.reduce((n: number, g: { served: number }) => n + g.served, 0)).toBeGreaterThan(0);
    expect(coverage.groups.reduce((n: number, g: { receivedMinutes: number }) => n + g.receivedMinutes, 0)).toBeGreaterThan(0);
    const subsidies = await get(`/reports/subsidies?month=${month}`, bureau);
    expect(subsidies.reconciles).toBe(true);
    expect(subsidies.totals.orders).toBeGreaterThan(0);
    expect(subsidies.totals.subsidyFen).toBeGreaterThan(0);
    expect(subsidies.byFundingSource.length).toBeGreaterThan(0);
  });

  it('gives the staff’s board yesterday’s orders, with visits and ratings', async () => {
    const centre = await one<{ id: string }>(`SELECT id FROM facilities WHERE code = 'BH-SC-01'`);
    const page = await get(`/orders?facilityId=${centre.id}&from=${yesterday}&to=${yesterday}&pageSize=100`, staff);
    expect(page.items.length).toBeGreaterThan(0);
    const rated = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback f JOIN orders o ON o.id = f.order_id WHERE o.facility_id = $1`,
      [centre.id],
    );
    expect(rated.n).toBeGreaterThan(0);
    const visited = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM visits v JOIN orders o ON o.id = v.order_id WHERE o.facility_id = $1 AND v.check_out_at IS NOT NULL`,
      [centre.id],
    );
    expect(visited.n).toBeGreaterThan(0);
  });

  it('keeps the invariants: slots booked as their orders hold, every step in the history, nothing after now', async () => {
    const drift = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM capacity_slots c
         LEFT JOIN (SELECT slot_id, count(*)::int AS held FROM orders WHERE holds_capacity GROUP BY slot_id) o ON o.slot_id = c.id
        WHERE c.booked <> coalesce(o.held, 0) OR c.booked > c.capacity`,
    );
    expect(drift.n).toBe(0);
    const gaps = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders o
         LEFT JOIN (SELECT DISTINCT ON (order_id) order_id, to_status FROM order_history ORDER BY order_id, at DESC, id DESC) h ON h.order_id = o.id
        WHERE h.to_status IS DISTINCT FROM o.status`,
    );
    expect(gaps.n).toBe(0);
    const future = await one<{ n: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE slot_end > now() OR updated_at > now())
            + (SELECT count(*) FROM visits WHERE check_out_at > now()) + (SELECT count(*) FROM feedback WHERE at > now())::int AS n`,
    );
    expect(Number(future.n)).toBe(0);
    const overdrawn = await one<{ n: number }>(`SELECT count(*)::int AS n FROM allowance_usage WHERE minutes_used > minutes_limit`);
    expect(overdrawn.n).toBe(0);
  });

  it('lets the capacity job run over it, and adds nothing when seeded again', async () => {
    const result = await t.app.get(CapacityService).runAll('spec', { force: true });
    expect(result).toMatchObject({ ran: true, failed: [] });
    const before = await one<{ orders: number; slots: number }>(
      `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM capacity_slots)::int AS slots`,
    );
    const again = await seedHistory(t.db, { days: HISTORY_DAYS, seed: 1, travelMinutes: 20, log: () => undefined });
    expect(again.added).toBe(false);
    expect(await one(`SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM capacity_slots)::int AS slots`)).toEqual(
      before,
    );
  });
});
