/**
 * npm run bench:capacity — the capacity job over a city-sized roster for the booking horizon.
 *
 * Builds, in a fresh database (a new one on DATABASE_URL's server, or a throwaway embedded
 * PostgreSQL), the demo city (seedDemoCity; should it fail, a synthetic city of the same size:
 * 35 facilities, 210 caregivers), gives it weekly templates and seats with seedDemoRosters, then
 * runs the job over every facility and service: once from nothing, once more (idempotent).
 * Prints the slots written and the seconds. Target: under 10 seconds for the whole city.
 */
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createDataSource } from '../src/database/data-source.js';
import { prepareDatabase } from '../src/database/prepare.js';
import { CapacityRunsRepository } from '../src/rosters/capacity-runs.repository.js';
import { CapacityService } from '../src/rosters/capacity.service.js';
import { seedDemoRosters } from '../src/rosters/demo-rosters.js';
import { ShiftsRepository } from '../src/rosters/shifts.repository.js';
import { SlotsRepository } from '../src/rosters/slots.repository.js';
import { seedDemoCity } from '../src/seed/demo-city.js';
import { ALL_SERVICES, DAY_CARE_SERVICES, EVERY_DAY, MON_TO_SAT, type OpeningHours } from '../src/seed/facilities.js';
import { benchDatabase } from './bench-database.js';

const FACILITIES: [type: string, count: number, services: string[], hours: OpeningHours][] = [
  ['street_centre', 13, ALL_SERVICES, EVERY_DAY],
  ['day_care', 15, DAY_CARE_SERVICES, MON_TO_SAT],
  [
    'rural_home',
    7,
    ['meal.dine_in', 'meal.delivery', 'mobility.escort', 'medical.health_check', 'medical.home_nursing'],
    { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '20:00' },
  ],
];
const CAREGIVERS_PER_FACILITY = 6;
const SKILL_SETS = [
  ['meal'],
  ['cleaning'],
  ['meal', 'cleaning'],
  ['mobility'],
  ['medical'],
  ['medical', 'mobility'],
  ['cleaning', 'mobility'],
];

async function buildCity(ds: ReturnType<typeof createDataSource>): Promise<{ facilities: number; caregivers: number }> {
  let n = 0;
  let caregivers = 0;
  for (const [type, count, services, hours] of FACILITIES) {
    for (let i = 0; i < count; i++, n++) {
      const [{ id }] = await ds.query<{ id: string }[]>(
        `INSERT INTO facilities (code, name, type, district, street, address, lat, lng, opening_hours)
         VALUES ($1, $2, $3, '北湖区', '街道', '郴州市', $4, $5, $6) RETURNING id`,
        [`BENCH-${String(n).padStart(3, '0')}`, `基准设施 ${n}`, type, 25.7 + n * 0.004, 113.0 + n * 0.004, JSON.stringify(hours)],
      );
      for (const s of services) await ds.query('INSERT INTO facility_services (facility_id, service_code) VALUES ($1, $2)', [id, s]);
      for (let k = 0; k < CAREGIVERS_PER_FACILITY; k++, caregivers++) {
        await ds.query(
          `INSERT INTO caregivers (name, facility_id, gender, skills, level, home_lat, home_lng) VALUES ($1, $2, $3, $4, $5, 25.77, 113.01)`,
          [`护理员${n}-${k}`, id, k % 3 === 0 ? 'male' : 'female', SKILL_SETS[(n + k) % SKILL_SETS.length], 2 + ((n + k) % 4)],
        );
      }
    }
  }
  return { facilities: n, caregivers };
}

async function main(): Promise<void> {
  const log = pino({ level: 'warn' });
  const db = await benchDatabase();
  try {
    await prepareDatabase(db.url, { seedDemo: false, seedResidents: 0, adminPassword: 'bench-admin-password', log });
    const ds = createDataSource(db.url, 10);
    await ds.initialize();
    try {
      const city = await seedDemoCity(ds, { residents: 2, log: () => undefined })
        .then((r) => ({ name: 'demo city', facilities: r.facilities, caregivers: r.caregivers }))
        .catch(async (error: unknown) => {
          console.warn(`demo city unavailable (${String(error)}): building a synthetic one`);
          return { name: 'synthetic city', ...(await buildCity(ds)) };
        });
      const rosters = await seedDemoRosters(ds);
      const config = { ...loadConfig({ NODE_ENV: 'test' }), bookingHorizonDays: 14 };
      const job = new CapacityService(ds, new ShiftsRepository(ds), new SlotsRepository(ds), new CapacityRunsRepository(ds), config, log);
      console.log(
        `${city.name}: ${city.facilities} facilities, ${city.caregivers} caregivers, ${rosters.templateEntries} template lines, ${rosters.seatSettings} seat settings; horizon ${config.bookingHorizonDays} days`,
      );
      for (const label of ['first run (from nothing)', 'second run (idempotent)']) {
        const started = performance.now();
        const result = await job.runAll('bench', { force: true });
        const seconds = (performance.now() - started) / 1000;
        if (!result.ran) throw new Error(`the job did not run: ${result.reason}`);
        console.log(
          `${label}: ${result.slots} slots planned, ${result.slotsInserted + result.slotsUpdated + result.slotsRemoved} written ` +
            `(${result.slotsInserted} new, ${result.slotsUpdated} changed, ${result.slotsRemoved} removed), ` +
            `${result.shiftsCreated} template shifts created, ${result.failed.length} facilities failed, in ${seconds.toFixed(2)} s`,
        );
      }
      const [{ units }] = await ds.query<{ units: number }[]>('SELECT coalesce(sum(capacity), 0)::int AS units FROM capacity_slots');
      console.log(`bookable units over the horizon: ${units}`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
