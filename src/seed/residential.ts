import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, dayStart, isoWeekday, shanghaiDate } from '../common/shanghai-time.js';
import { cols, textArrayLiteral } from './bulk-insert.js';
import { Random } from './random.js';
import { DAY, planBeds, planStays, type Candidate } from './residential-plan.js';
import { SeedRepository, type UnplacedResidentRow } from './seed.repository.js';

export interface ResidentialSeedOptions {
  seed: number;
  /** Beds per home: a range, or a fixed number (the reports bench). */
  bedsPerHome?: [number, number];
  now?: number;
}

export interface ResidentialSeedSummary {
  homes: number;
  beds: number;
  admissions: number;
  waiting: number;
  sites: number;
  enrolments: number;
  attendance: number;
}

const HISTORY_DAYS = 365;
const ATTENDANCE_DAYS = 30;

/**
 * Beds and a year of admissions in every rural home that has no beds yet, and day places with
 * enrolments and a month of attendance in every day-care site without day places: run again, it
 * adds nothing. Residents come from the home's or site's district, extreme hardship first.
 */
export async function seedDemoResidential(ds: DataSource, options: ResidentialSeedOptions): Promise<ResidentialSeedSummary> {
  const rng = new Random(options.seed ^ 0x5e5);
  const now = options.now ?? Date.now();
  const today = shanghaiDate(now);
  const seeds = new SeedRepository(ds);
  return ds.transaction(async (m) => {
    const residents = await seeds.unplacedResidents(m);
    const byDistrict = new Map<string, UnplacedResidentRow[]>();
    for (const r of residents) byDistrict.set(r.district, [...(byDistrict.get(r.district) ?? []), r]);
    const summary: ResidentialSeedSummary = { homes: 0, beds: 0, admissions: 0, waiting: 0, sites: 0, enrolments: 0, attendance: 0 };
    await seedHomes(seeds, m, rng, byDistrict, options.bedsPerHome ?? [24, 48], now, summary);
    await seedSites(seeds, m, rng, byDistrict, today, summary);
    return summary;
  });
}

async function seedHomes(
  seeds: SeedRepository,
  m: EntityManager,
  rng: Random,
  byDistrict: Map<string, UnplacedResidentRow[]>,
  range: [number, number],
  now: number,
  summary: ResidentialSeedSummary,
) {
  const homes = await seeds.homesWithoutBeds(m);
  const from = dayStart(shanghaiDate(now - HISTORY_DAYS * DAY));
  const to = dayStart(shanghaiDate(now));
  const beds: unknown[][] = [];
  const admissions: unknown[][] = [];
  const occupancies: unknown[][] = [];
  const history: unknown[][] = [];
  for (const home of homes) {
    // Who comes to a home: older people of its district, extreme hardship and high care first.
    const plan = planBeds(rng, rng.int(range[0], range[1]));
    // About two stays a bed in a year and a few more for the waiting list, but never more than a
    // third of the district's older people still unplaced: most live at home.
    const district = byDistrict.get(home.district) ?? [];
    const pool = district.splice(0, Math.min(plan.length * 2 + 4, Math.ceil(district.length / 3)));
    const candidates: Candidate[] = pool
      .map((r) => ({
        id: r.id,
        careLevel: r.care_level,
        tekun: r.subsidy_category === 'tekun',
        order: (r.subsidy_category === 'tekun' ? 10 : 0) + r.care_level + rng.next() * 4,
      }))
      .sort((a, b) => b.order - a.order);
    const bedIds = plan.map(() => randomUUID());
    plan.forEach((b, i) => beds.push([bedIds[i], home.id, b.code, b.room, b.careType, new Date(from - 30 * DAY)]));
    for (const stay of planStays(rng, plan, candidates, from, to)) {
      const id = randomUUID();
      const discharged = stay.dischargedAt === null ? null : new Date(stay.dischargedAt);
      admissions.push([
        id,
        stay.residentId,
        home.id,
        plan[stay.bedIndex].careType,
        stay.careLevel,
        discharged ? 'discharged' : 'admitted',
        new Date(stay.appliedAt),
        new Date(stay.admittedAt),
        discharged,
        stay.reason,
      ]);
      occupancies.push([
        bedIds[stay.bedIndex],
        id,
        home.id,
        `[${new Date(stay.admittedAt).toISOString()},${discharged ? discharged.toISOString() : ''})`,
      ]);
      history.push([id, 'applied', new Date(stay.appliedAt), null, `care level ${stay.careLevel}`]);
      history.push([
        id,
        'admitted',
        new Date(stay.admittedAt),
        bedIds[stay.bedIndex],
        stay.appliedAt < stay.admittedAt ? 'from the waiting list' : null,
      ]);
      if (discharged) history.push([id, 'discharged', discharged, bedIds[stay.bedIndex], stay.reason]);
    }
    // A short waiting list of those not yet placed.
    for (const who of candidates.slice(0, rng.int(0, 4))) {
      const id = randomUUID();
      const since = now - rng.int(1, 90) * DAY;
      admissions.push([
        id,
        who.id,
        home.id,
        who.careLevel >= 3 ? 'full_care' : who.careLevel >= 1 ? 'partial_care' : 'self_care',
        who.careLevel,
        'waiting',
        new Date(since),
        null,
        null,
        null,
      ]);
      history.push([id, 'applied', new Date(since), null, `care level ${who.careLevel}`]);
      summary.waiting += 1;
    }
    candidates.length = 0;
  }
  summary.homes = homes.length;
  summary.beds = await seeds.bulkInsert(
    m,
    { table: 'beds', columns: cols('id uuid', 'facility_id uuid', 'code text', 'room text', 'care_type text', 'created_at timestamptz') },
    beds,
  );
  summary.admissions = await seeds.bulkInsert(
    m,
    {
      table: 'admissions',
      columns: cols(
        'id uuid',
        'resident_id uuid',
        'facility_id uuid',
        'care_type text',
        'care_level int2',
        'status text',
        'applied_at timestamptz',
        'admitted_at timestamptz',
        'discharged_at timestamptz',
        'discharge_reason text',
      ),
    },
    admissions,
  );
  await seeds.bulkInsert(
    m,
    {
      table: 'bed_occupancies',
      columns: cols('bed_id uuid', 'admission_id uuid', 'facility_id uuid', 'during text tstzrange'),
    },
    occupancies,
  );
  await seeds.bulkInsert(
    m,
    { table: 'admission_history', columns: cols('admission_id uuid', 'event text', 'at timestamptz', 'bed_id uuid', 'reason text') },
    history,
  );
}

async function seedSites(
  seeds: SeedRepository,
  m: EntityManager,
  rng: Random,
  byDistrict: Map<string, UnplacedResidentRow[]>,
  today: string,
  summary: ResidentialSeedSummary,
) {
  const sites = await seeds.daySitesWithoutPlaces(m);
  const places: unknown[][] = [];
  const enrolments: unknown[][] = [];
  const attendance: unknown[][] = [];
  const enrolledSince = new Date(dayStart(addDays(today, -60)));
  for (const site of sites) {
    const count = rng.int(20, 40);
    const open = site.opening_hours.weekdays;
    const pool = byDistrict.get(site.district) ?? [];
    // Neighbours first: the site's own street, then the district.
    pool.sort((a, b) => Number(b.street === site.street) - Number(a.street === site.street));
    const chosen = pool.splice(0, Math.round(count * (0.6 + rng.next() * 0.3)));
    const perDay = new Map<number, number>();
    for (const r of chosen) {
      const weekdays = open.filter(() => rng.chance(0.7));
      if (weekdays.length === 0) weekdays.push(rng.pick(open));
      for (const d of weekdays) perDay.set(d, (perDay.get(d) ?? 0) + 1);
      const id = randomUUID();
      enrolments.push([id, site.id, r.id, textArrayLiteral(weekdays.map(String)), enrolledSince]);
      const steady = 0.7 + rng.next() * 0.25;
      for (let back = ATTENDANCE_DAYS; back >= 1; back--) {
        const day = addDays(today, -back);
        if (!weekdays.includes(isoWeekday(day)) || !rng.chance(steady)) continue;
        const arrived = dayStart(day) + (8 * 60 + rng.int(0, 80)) * 60_000;
        const left = dayStart(day) + (16 * 60 + rng.int(0, 80)) * 60_000;
        attendance.push([site.id, r.id, day, new Date(arrived), new Date(left), rng.chance(0.6) ? 'card' : 'staff']);
      }
    }
    for (let d = 1; d <= 7; d++) places.push([site.id, d, count, perDay.get(d) ?? 0]);
  }
  summary.sites = sites.length;
  await seeds.bulkInsert(
    m,
    { table: 'day_places', columns: cols('facility_id uuid', 'weekday int2', 'places int4', 'enrolled int4') },
    places,
  );
  summary.enrolments = await seeds.bulkInsert(
    m,
    {
      table: 'enrolments',
      columns: [
        ...cols('id uuid', 'facility_id uuid', 'resident_id uuid'),
        { name: 'weekdays', type: 'text', cast: 'smallint[]' },
        ...cols('created_at timestamptz'),
      ],
    },
    enrolments,
  );
  summary.attendance = await seeds.bulkInsert(
    m,
    {
      table: 'attendance',
      columns: cols('facility_id uuid', 'resident_id uuid', 'day date', 'arrived_at timestamptz', 'left_at timestamptz', 'method text'),
    },
    attendance,
  );
}
