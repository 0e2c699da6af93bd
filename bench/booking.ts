/**
 * npm run bench:booking — bookings over HTTP against the real service on a city-sized base.
 *
 * Starts PostgreSQL (DATABASE_URL's server, or a throwaway embedded one), seeds the demo city with
 * 100,000 residents, starts the built service as its own process, lets its capacity job make the
 * slots, then drives POST /orders from many concurrent clients for 30 seconds. Afterwards it checks
 * that no slot is booked past its capacity and that every slot's count matches its orders, and
 * runs pgbench's TPC-B on the same server just before and just after, for comparison.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { freePort } from '../src/database/embedded-postgres.js';
import { benchDatabase } from './bench-database.js';
import { prepareDatabase } from '../src/database/prepare.js';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
/** Service instances on the one database, clients spread over them (as behind a load balancer). */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
/**
 * The service's connection pool (DB_POOL_SIZE), shared among its instances. PostgreSQL on this
 * machine's two cores, which it shares with the service and the load generator, did best with
 * about a dozen connections (8, 12, 16 and 24 were tried); size it to the database server's cores.
 */
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 12);
const ADMIN_PASSWORD = 'bench-admin-password';

/** One free place of one slot, to be booked by one of the facility's residents. */
interface Unit {
  facilityId: string;
  serviceCode: string;
  slotStart: string;
  startMs: number;
  residents: string[];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

/** CPU seconds (user + system) used so far by each of these processes, from /proc (Linux). */
function cpuSeconds(pids: number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the process has ended
    }
  }
  return used;
}

/** CPU seconds the processes used between two readings; a process new since the first counts from zero. */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

async function waitFor(what: string, check: () => Promise<boolean>, seconds = 120): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Every free place of every bookable slot (a slot of capacity 40 gives 40 units), shuffled with a
 * fixed seed. Clients book them in turn, so the bench measures bookings rather than refusals of
 * full slots; once the units run out, requests meet full slots and are counted as 409s.
 */
async function bookableUnits(db: pg.Client): Promise<Unit[]> {
  const { rows } = await db.query<{ facility_id: string; service_code: string; starts_at: Date; free: number; residents: string[] }>(
    `SELECT cs.facility_id, cs.service_code, cs.starts_at, cs.capacity - cs.booked AS free,
            (SELECT array_agg(r.id) FROM (SELECT id FROM residents r WHERE r.home_facility_id = cs.facility_id AND r.lat IS NOT NULL LIMIT 400) r) AS residents
       FROM capacity_slots cs
      WHERE cs.capacity > cs.booked AND cs.starts_at > now() + interval '3 hours' AND cs.service_code IN ('meal.dine_in', 'cleaning.home', 'meal.delivery')
      ORDER BY cs.id`,
  );
  const units: Unit[] = [];
  for (const r of rows) {
    if (!r.residents?.length) continue;
    const unit = {
      facilityId: r.facility_id,
      serviceCode: r.service_code,
      slotStart: r.starts_at.toISOString(),
      startMs: r.starts_at.getTime(),
      residents: r.residents,
    };
    for (let i = 0; i < r.free; i++) units.push(unit);
  }
  const rand = lcg(4242);
  for (let i = units.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [units[i], units[j]] = [units[j], units[i]];
  }
  return units;
}

function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => (s = (s * 1103515245 + 12345) & 0x7fffffff) % n;
}

/** POST over a keep-alive connection pool: much lighter on the shared CPU than fetch. */
function post(
  agent: http.Agent,
  port: number,
  path: string,
  token: string,
  body: string,
): Promise<{ status: number; json: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        port,
        host: '127.0.0.1',
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') as { code?: string } }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function drive(ports: number[], token: string, units: Unit[]) {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const deadline = Date.now() + SECONDS * 1000;
  const rand = lcg(12345);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  // A resident is not sent to two slots that start at the same time.
  const busy = new Set<string>();
  let next = 0;
  const worker = async (client: number) => {
    const port = ports[client % ports.length];
    while (Date.now() < deadline) {
      const u = units[next++ % Math.max(1, units.length)];
      let residentId = u.residents[rand(u.residents.length)];
      for (let tries = 0; tries < 5 && busy.has(`${residentId}@${u.startMs}`); tries++) residentId = u.residents[rand(u.residents.length)]!;
      busy.add(`${residentId}@${u.startMs}`);
      const body = JSON.stringify({ residentId, serviceCode: u.serviceCode, facilityId: u.facilityId, slotStart: u.slotStart });
      const began = performance.now();
      const res = await post(agent, port, '/api/v1/orders', token, body);
      latencies.push(performance.now() - began);
      const key = res.status === 201 ? '201 confirmed' : `${res.status} ${res.json.code ?? ''}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, client) => worker(client)));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), outcomes };
}

/**
 * pgbench's TPC-B on the same server, with the same number of clients. It runs just before and
 * just after the bookings, and the comparison is with the mean of the two: this machine's speed
 * drifts from minute to minute (two cores shared with other work), and a single run beside the
 * bookings would carry that drift into the ratio.
 */
function pgbenchRunner(url: string): { run: () => number | null } | null {
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
  try {
    execFileSync(
      'psql',
      [
        ...conn,
        '-d',
        u.pathname.slice(1),
        '-c',
        'DROP DATABASE IF EXISTS care_bench_pgbench WITH (FORCE)',
        '-c',
        'CREATE DATABASE care_bench_pgbench',
      ],
      { env, stdio: 'ignore' },
    );
    execFileSync('pgbench', [...conn, '-i', '-q', '-s', '10', 'care_bench_pgbench'], { env, stdio: 'ignore' });
  } catch (error) {
    console.log(`pgbench not run: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
  return {
    run() {
      const out = execFileSync('pgbench', [...conn, '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), 'care_bench_pgbench'], {
        env,
      }).toString();
      const tps = /tps = ([\d.]+)/.exec(out);
      return tps ? Number(tps[1]) : null;
    },
  };
}

async function main(): Promise<void> {
  const db = await benchDatabase({ durable: true });
  const log = pino({ level: 'info' });
  console.log(`seeding the demo city with ${RESIDENTS} residents…`);
  await prepareDatabase(db.url, { adminPassword: ADMIN_PASSWORD, seedDemo: true, seedResidents: RESIDENTS, log });
  // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const ports: number[] = [];
  const services: ChildProcess[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const port = await freePort();
    ports.push(port);
    services.push(
      spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          PORT: String(port),
          NODE_ENV: 'production',
          JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
          VISIT_CODE_SECRET: 'bench-visit-codes-'.padEnd(48, 'x'),
          LOG_LEVEL: 'warn',
          DB_POOL_SIZE: String(Math.ceil(POOL_SIZE / INSTANCES)),
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      }),
    );
  }
  const base = `http://127.0.0.1:${ports[0]}`;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    for (const port of ports) await waitFor('the service', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
    await waitFor(
      'the capacity job',
      async () => (await client.query(`SELECT 1 FROM job_runs WHERE job LIKE 'capacity%'`)).rowCount! > 0,
      300,
    );
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const units = await bookableUnits(client);
    console.log(`${units.length} free places in bookable slots; ${CLIENTS} clients for ${SECONDS} s…`);
    const pgbench = pgbenchRunner(db.url);
    const tpsBefore = pgbench?.run() ?? null;
    const cpuBefore = { service: cpuSeconds(services.map((p) => p.pid!)), postgres: cpuSeconds(postgresPids()), bench: process.cpuUsage() };
    const run = await drive(ports, accessToken, units);
    const cpu = {
      service: cpuBetween(cpuBefore.service, cpuSeconds(services.map((p) => p.pid!))),
      postgres: cpuBetween(cpuBefore.postgres, cpuSeconds(postgresPids())),
      bench: (() => {
        const u = process.cpuUsage(cpuBefore.bench);
        return (u.user + u.system) / 1e6;
      })(),
    };
    const confirmed = run.outcomes.get('201 confirmed') ?? 0;
    const {
      rows: [check],
    } = await client.query<{ over: number; mismatched: number }>(
      `SELECT (SELECT count(*)::int FROM capacity_slots WHERE booked > capacity AND NOT over_committed) AS over,
              (SELECT count(*)::int FROM capacity_slots cs WHERE cs.booked <> (SELECT count(*) FROM orders o WHERE o.slot_id = cs.id AND o.holds_capacity)) AS mismatched`,
    );
    const tpsAfter = pgbench?.run() ?? null;
    const tps = tpsBefore && tpsAfter ? (tpsBefore + tpsAfter) / 2 : null;
    const total = run.latencies.length;
    console.log('\nresult');
    console.log(`  requests            ${total} in ${run.seconds.toFixed(1)} s (${(total / run.seconds).toFixed(0)}/s)`);
    for (const [k, v] of [...run.outcomes.entries()].sort()) console.log(`  ${k.padEnd(20)}${v}`);
    console.log(`  bookings/s          ${(confirmed / run.seconds).toFixed(1)}`);
    console.log(
      `  latency ms          p50 ${percentile(run.latencies, 50).toFixed(1)}  p95 ${percentile(run.latencies, 95).toFixed(1)}  p99 ${percentile(run.latencies, 99).toFixed(1)}`,
    );
    const perRequest = (sec: number) => `${((1000 * sec) / Math.max(1, total)).toFixed(2)} ms`;
    console.log(
      `  CPU per request     service ${perRequest(cpu.service)}, PostgreSQL ${perRequest(cpu.postgres)}, load generator ${perRequest(cpu.bench)} (${INSTANCES} service instance${INSTANCES > 1 ? 's' : ''}, ${POOL_SIZE} connections, ${os.cpus().length} cores)`,
    );
    console.log(`  over capacity       ${check.over} slots; slots whose count differs from their orders: ${check.mismatched}`);
    if (tps)
      console.log(
        `  pgbench TPC-B       ${tpsBefore!.toFixed(0)} tps before, ${tpsAfter!.toFixed(0)} after (same server, ${CLIENTS} clients); requests/s are ${((100 * total) / run.seconds / tps).toFixed(0)}% of their mean, bookings/s ${((100 * confirmed) / run.seconds / tps).toFixed(0)}%`,
      );
    if (check.over > 0 || check.mismatched > 0) process.exitCode = 1;
  } finally {
    for (const service of services) service.kill('SIGTERM');
    await Promise.all(services.map((service) => new Promise((r) => service.on('close', r))));
    await client.end();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
