/**
 * npm run bench:reports — the bureau's reports over a year of a city.
 *
 * In a fresh database (a new one on DATABASE_URL's server, or a throwaway embedded PostgreSQL):
 * the demo city with 100,000 residents, then the twelve full months before this one: capacity
 * slots, shifts, at least 3 million orders, their history and assignments (bench/reports-data.ts),
 * all through the real tables and their triggers. Then the rollups are refreshed, each report is
 * timed (20 runs after a warm-up: utilisation for a month, a quarter and the year, grouped each
 * way; coverage, subsidies and the facility comparison for a month; bed occupancy for a month, a
 * quarter and the year over 60 homes and about 3,000 beds, 集中供养 and day-care attendance for a
 * month), p50/p95 printed, and the
 * rollups are checked against direct queries over the raw tables: OK, or MISMATCH and exit 1.
 * Target: every p95 under 300 ms.
 */
import { pino } from 'pino';
import type { Actor } from '../src/common/auth/roles.js';
import { AccessPolicy } from '../src/common/access/access.policy.js';
import { AccessService } from '../src/common/auth/access.service.js';
import { loadConfig } from '../src/config/config.js';
import { createDataSource } from '../src/database/data-source.js';
import { prepareDatabase } from '../src/database/prepare.js';
import { CoverageService } from '../src/reports/coverage.service.js';
import { GROUP_BYS } from '../src/reports/dto/report-query.dto.js';
import { checkRollupsAgainstRaw } from '../src/reports/raw-check.js';
import { refreshRollups } from '../src/reports/rollup-refresh.js';
import { ReportsRepository } from '../src/reports/reports.repository.js';
import { RollupsRepository } from '../src/reports/rollups.repository.js';
import { RollupsService } from '../src/reports/rollups.service.js';
import { SubsidiesService } from '../src/reports/subsidies.service.js';
import { AdmissionsRepository } from '../src/residential/admissions.repository.js';
import { ChargesService } from '../src/residential/charges.service.js';
import { ResidentialReportsRepository } from '../src/residential/residential-reports.repository.js';
import { ResidentialReportsService } from '../src/residential/residential-reports.service.js';
import { generateResidentialYear } from './residential-data.js';
import { UtilisationService } from '../src/reports/utilisation.service.js';
import { addDays, shanghaiDate } from '../src/common/shanghai-time.js';
import { generateYear, nextMonth, type YearSpan } from './reports-data.js';
import { benchDatabase } from './bench-database.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const TARGET_ORDERS = Number(process.env.BENCH_ORDERS ?? 3_200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_P95_MS = 300;

/** The twelve full Shanghai months before the current one. */
function lastYear(): YearSpan {
  const today = shanghaiDate(Date.now());
  let month = today.slice(0, 7);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const [y, m] = month.split('-').map(Number);
    month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    months.unshift(month);
  }
  return { from: `${months[0]}-01`, to: addDays(nextMonth(months[11]), -1), months };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const started = performance.now();
  const say = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${m}`);
  const log = pino({ level: 'warn' });
  const db = await benchDatabase();
  let failed: boolean;
  try {
    say(`database ready; seeding the demo city with ${RESIDENTS} residents`);
    await prepareDatabase(db.url, { seedDemo: true, seedResidents: RESIDENTS, adminPassword: 'bench-admin-password', log });
    const ds = createDataSource(db.url, 4);
    await ds.initialize();
    try {
      const span = lastYear();
      say(`generating ${span.from} … ${span.to}`);
      await generateYear(ds, span, TARGET_ORDERS, say);
      const residential = await generateResidentialYear(ds);
      say(`residential: ${residential.homes} homes, ${residential.beds} beds, ${residential.admissions} admissions over the year`);
      const t0 = performance.now();
      const refreshed = await refreshRollups(ds);
      say(
        `rollups refreshed from the dirty markers: ${refreshed.days} facility-days, ${refreshed.residentMonths} resident-months in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const [{ rows }] = await ds.query<{ rows: number }[]>('SELECT count(*)::int AS rows FROM report_daily');
      say(`report_daily: ${rows} rows`);

      const config = loadConfig({ NODE_ENV: 'test' });
      const access = new AccessService(ds, new AccessPolicy(ds));
      const rollups = new RollupsService(ds, new RollupsRepository(ds), log);
      const reports = new ReportsRepository(ds);
      const utilisation = new UtilisationService(reports, access, rollups, config);
      const coverage = new CoverageService(reports, access, rollups);
      const subsidies = new SubsidiesService(reports, access, rollups, new ChargesService(ds, access, new AdmissionsRepository()));
      const residentialReports = new ResidentialReportsService(new ResidentialReportsRepository(ds), access);
      const actor: Actor = {
        userId: 'bench',
        role: 'bureau_staff',
        displayName: 'bench',
        facilityId: null,
        residentId: null,
        caregiverId: null,
      };
      const month = span.months[11];
      const ranges: [string, string, string][] = [
        ['month', `${month}-01`, span.to],
        ['quarter', `${span.months[9]}-01`, span.to],
        ['year', span.from, span.to],
      ];
      const cases: [string, string, string, () => Promise<unknown>][] = [];
      for (const [range, from, to] of ranges) {
        for (const groupBy of GROUP_BYS)
          cases.push(['utilisation', range, groupBy, () => utilisation.utilisation(actor, { from, to, groupBy })]);
      }
      cases.push(['coverage', 'month', 'group × street', () => coverage.coverage(actor, { month })]);
      cases.push(['subsidies', 'month', 'all', () => subsidies.subsidies(actor, { month })]);
      cases.push(['facilities', 'month', 'street_centre', () => utilisation.facilities(actor, { month })]);
      for (const [range, from, to] of ranges) {
        for (const groupBy of ['facility', 'district', 'month'] as const)
          cases.push(['occupancy', range, groupBy, () => residentialReports.occupancy(actor, { from, to, groupBy })]);
      }
      cases.push(['inst. care', 'month', 'district', () => residentialReports.institutionalCare(actor, { month })]);
      cases.push([
        'attendance',
        'month',
        'facility',
        () => residentialReports.attendance(actor, { from: `${month}-01`, to: span.to, groupBy: 'facility' }),
      ]);

      console.log(
        `\n${'report'.padEnd(12)} ${'range'.padEnd(8)} ${'group'.padEnd(15)} ${'rows'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`,
      );
      let worst = 0;
      for (const [name, range, group, run] of cases) {
        const first = (await run()) as { rows?: unknown[]; byFacility?: unknown[] };
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await run();
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const p95 = percentile(times, 0.95);
        worst = Math.max(worst, p95);
        const count = first.rows?.length ?? first.byFacility?.length ?? 0;
        console.log(
          `${name.padEnd(12)} ${range.padEnd(8)} ${group.padEnd(15)} ${String(count).padStart(5)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}${p95 > TARGET_P95_MS ? '  (over target)' : ''}`,
        );
      }
      console.log(`\nworst p95: ${worst.toFixed(1)} ms (target ${TARGET_P95_MS} ms): ${worst <= TARGET_P95_MS ? 'OK' : 'OVER TARGET'}`);

      const t1 = performance.now();
      const checks = await checkRollupsAgainstRaw(ds, span.from, span.to);
      for (const c of checks)
        console.log(`${c.mismatches === 0 ? 'OK      ' : 'MISMATCH'} ${c.name}${c.mismatches ? ` (${c.mismatches} rows differ)` : ''}`);
      say(`raw check in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      failed = checks.some((c) => c.mismatches > 0);
    } finally {
      await ds.destroy();
    }
  } finally {
    await db.stop();
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
