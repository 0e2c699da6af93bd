/**
 * The residential part of the reports bench: the demo city's rural homes plus more, to 60 homes
 * and about 3,000 beds, each with a year of stays (the demo seed's planner), for the occupancy report.
 */
import type { DataSource } from 'typeorm';
import { DIVISIONS } from '../src/divisions/divisions.js';
import { seedDemoResidential } from '../src/seed/residential.js';

export async function generateResidentialYear(
  ds: DataSource,
  homes = 60,
  beds = 3000,
): Promise<{ homes: number; beds: number; admissions: number }> {
  const [{ n: have }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM facilities WHERE type = 'rural_home'`);
  const [{ n: bedsHave }] = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM beds');
  const extra = Math.max(0, homes - have);
  for (let i = 0; i < extra; i++) {
    const d = DIVISIONS[i % DIVISIONS.length];
    const street = d.streets[Math.floor(i / DIVISIONS.length) % d.streets.length];
    await ds.query(
      `INSERT INTO facilities (code, name, type, district, street, address, lat, lng, opening_hours)
       VALUES ($1, $2, 'rural_home', $3, $4, $5, 25.7, 113.0, '{"weekdays":[1,2,3,4,5,6,7],"open":"00:00","close":"23:59"}') ON CONFLICT DO NOTHING`,
      [
        `BENCH-RH-${String(i + 1).padStart(2, '0')}`,
        `${d.name}${street.name}敬老院 (bench)`,
        d.name,
        street.name,
        `${d.name}${street.name}`,
      ],
    );
  }
  const perHome = extra > 0 ? Math.max(1, Math.round((beds - bedsHave) / extra)) : 40;
  await seedDemoResidential(ds, { seed: 2026, bedsPerHome: [perHome, perHome] });
  const [{ h, b, a }] = await ds.query<{ h: number; b: number; a: number }[]>(
    `SELECT (SELECT count(DISTINCT facility_id)::int FROM beds) AS h, (SELECT count(*)::int FROM beds) AS b, (SELECT count(*)::int FROM admissions) AS a`,
  );
  return { homes: h, beds: b, admissions: a };
}
