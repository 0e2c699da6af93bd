/**
 * npm run bench:booking — bookings over HTTP against the real service on a city-sized base.
 *
 * Starts PostgreSQL (DATABASE_URL's server, or a throwaway embedded one), seeds the demo city with
 * 100,000 residents, starts the built service as its own process, lets its capacity job make the
 * slots, then drives POST /orders from many concurrent clients for 30 seconds. Afterwards it checks
 * that no slot is booked past its capacity and that every slot's count matches its orders, and
 * runs pgbench's TPC-B on the same server for comparison.
 */
import { execFileSync, spawn } from 'node:child_process';
import pg from 'pg';
import { pino } from 'pino';
import { freePort } from '../src/database/embedded-postgres.js';
import { benchDatabase } from './bench-database.js';
import { prepareDatabase } from '../src/database/prepare.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const ADMIN_PASSWORD = 'bench-admin-password';

interface Target {
  facilityId: string;
  serviceCode: string;
  slotStart: string;
  residents: string[];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}


async function waitFor(what: string, check: () => Promise<boolean>, seconds = 120): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function targets(db: pg.Client): Promise<Target[]> {
  const { rows } = await db.query<{ facility_id: string; service_code: string; starts_at: Date; residents: string[] }>(
    `SELECT cs.facility_id, cs.service_code, cs.starts_at,
            (SELECT array_agg(r.id) FROM (SELECT id FROM residents r WHERE r.home_facility_id = cs.facility_id AND r.lat IS NOT NULL LIMIT 400) r) AS residents
       FROM capacity_slots cs
      WHERE cs.capacity > 0 AND cs.starts_at > now() + interval '3 hours' AND cs.service_code IN ('meal.dine_in', 'cleaning.home', 'meal.delivery')`,
  );
  return rows
    .filter((r) => r.residents?.length)
    .map((r) => ({ facilityId: r.facility_id, serviceCode: r.service_code, slotStart: r.starts_at.toISOString(), residents: r.residents }));
}

async function drive(base: string, token: string, all: Target[]) {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const deadline = Date.now() + SECONDS * 1000;
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const worker = async () => {
    while (Date.now() < deadline) {
      const t = all[rand(all.length)];
      const body = { residentId: t.residents[rand(t.residents.length)], serviceCode: t.serviceCode, facilityId: t.facilityId, slotStart: t.slotStart };
      const began = performance.now();
      const res = await fetch(`${base}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const json = (await res.json()) as { code?: string };
      latencies.push(performance.now() - began);
      const key = res.status === 201 ? '201 confirmed' : `${res.status} ${json.code ?? ''}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), outcomes };
}

function pgbench(url: string): number | null {
  const u = new URL(url);
  u.pathname = '/care_bench_pgbench';
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
  try {
    execFileSync('psql', [...conn, '-d', new URL(url).pathname.slice(1), '-c', 'DROP DATABASE IF EXISTS care_bench_pgbench WITH (FORCE)', '-c', 'CREATE DATABASE care_bench_pgbench'], { env, stdio: 'ignore' });
    execFileSync('pgbench', [...conn, '-i', '-q', '-s', '10', 'care_bench_pgbench'], { env, stdio: 'ignore' });
    const out = execFileSync('pgbench', [...conn, '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), 'care_bench_pgbench'], { env }).toString();
    const tps = /tps = ([\d.]+)/.exec(out);
    return tps ? Number(tps[1]) : null;
  } catch (error) {
    console.log(`pgbench not run: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase({ durable: true });
  const log = pino({ level: 'info' });
  console.log(`seeding the demo city with ${RESIDENTS} residents…`);
  await prepareDatabase(db.url, { adminPassword: ADMIN_PASSWORD, seedDemo: true, seedResidents: RESIDENTS, log });
  const port = await freePort();
  // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const service = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), NODE_ENV: 'production', JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'), LOG_LEVEL: 'warn', DB_POOL_SIZE: '24' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await waitFor('the service', async () => (await fetch(`${base}/health/ready`)).ok);
    await waitFor('the capacity job', async () => (await client.query(`SELECT 1 FROM job_runs WHERE job LIKE 'capacity%'`)).rowCount! > 0, 300);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const all = await targets(client);
    console.log(`${all.length} bookable slots; ${CLIENTS} clients for ${SECONDS} s…`);
    const run = await drive(base, accessToken, all);
    const confirmed = run.outcomes.get('201 confirmed') ?? 0;
    const { rows: [check] } = await client.query<{ over: number; mismatched: number }>(
      `SELECT (SELECT count(*)::int FROM capacity_slots WHERE booked > capacity AND NOT over_committed) AS over,
              (SELECT count(*)::int FROM capacity_slots cs WHERE cs.booked <> (SELECT count(*) FROM orders o WHERE o.slot_id = cs.id AND o.holds_capacity)) AS mismatched`,
    );
    const tps = pgbench(db.url);
    const total = run.latencies.length;
    console.log('\nresult');
    console.log(`  requests            ${total} in ${run.seconds.toFixed(1)} s (${(total / run.seconds).toFixed(0)}/s)`);
    for (const [k, v] of [...run.outcomes.entries()].sort()) console.log(`  ${k.padEnd(20)}${v}`);
    console.log(`  bookings/s          ${(confirmed / run.seconds).toFixed(1)}`);
    console.log(`  latency ms          p50 ${percentile(run.latencies, 50).toFixed(1)}  p95 ${percentile(run.latencies, 95).toFixed(1)}  p99 ${percentile(run.latencies, 99).toFixed(1)}`);
    console.log(`  over capacity       ${check.over} slots; slots whose count differs from their orders: ${check.mismatched}`);
    if (tps) console.log(`  pgbench TPC-B       ${tps.toFixed(0)} tps (same server, ${CLIENTS} clients); requests/s are ${((100 * total) / run.seconds / tps).toFixed(0)}% of it, bookings/s ${((100 * confirmed) / run.seconds / tps).toFixed(0)}%`);
    if (check.over > 0 || check.mismatched > 0) process.exitCode = 1;
  } finally {
    service.kill('SIGTERM');
    await new Promise((r) => service.on('close', r));
    await client.end();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
