import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DAY_MS } from '../common/shanghai-time.js';
import type { SubsidyCategory } from '../orders/pricing.js';
import type { OpeningHours, Sitting } from '../rosters/capacity-rule.js';
import { BATCH_SIZE, type BulkTable } from './bulk-insert.js';
import type { HistoryService } from './history-plan.js';

const WEEK_MS = 7 * DAY_MS;

/** Any fixed number: two seeds running at once take turns. */
const SEED_LOCK = 727_100_002;

/**
 * A history slot's id from its facility, service and start (ms), as historySlotId makes it in
 * TypeScript (src/seed/history.ts), for the week row `w` repeated `k` weeks on.
 */
const SLOT_ID_SQL = `md5(w.facility_id::text || '|' || w.service_code || '|' || ((extract(epoch FROM w.starts_at) * 1000)::bigint + k::bigint * ${WEEK_MS})::text)::uuid`;

export interface CountRow {
  n: number;
}

export interface FacilityCodeRow {
  id: string;
  code: string;
}

export interface IdRow {
  id: string;
}

/** A resident with neither an admission nor a day-care enrolment: free to place in the demo homes and sites. */
export interface UnplacedResidentRow {
  id: string;
  district: string;
  street: string;
  care_level: number;
  subsidy_category: string;
}

export interface HomeRow {
  id: string;
  district: string;
}

export interface DaySiteRow {
  id: string;
  district: string;
  street: string;
  opening_hours: { weekdays: number[] };
}

export interface HistoryStateRow {
  orders: boolean;
  past: boolean;
  today: boolean;
}

export interface OpeningHoursRow {
  id: string;
  opening_hours: OpeningHours;
}

export interface ServiceRow {
  code: string;
  category: HistoryService['category'];
  place: 'home' | 'facility';
  duration_minutes: number;
  required_skill: string;
  min_caregiver_level: number;
  base_price_fen: number;
}

export interface OfferedRow {
  facility_id: string;
  service_code: string;
}

export interface SeatRow {
  facility_id: string;
  service_code: string;
  sitting: Sitting | null;
  seats: number;
}

export interface TemplateRow {
  id: string;
  facility_id: string;
  caregiver_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface CaregiverRow {
  id: string;
  facility_id: string;
  skills: string[];
  level: number;
  max_weekly_minutes: number;
}

/** A resident of an active facility with who books for them: their own login, a family member who may book, or staff. */
export interface BookingResidentRow {
  id: string;
  home_facility_id: string;
  birth_date: string;
  subsidy_category: SubsidyCategory;
  care_level: number;
  lat: number | null;
  lng: number | null;
  address: string | null;
  dietary_needs: string[];
  senior_user: string | null;
  family_user: string | null;
  staff_user: string;
}

export interface ShiftCountRow {
  shifts: number;
}

export interface SlotCountRow {
  slots: number;
}

/**
 * The demo data's writes and the reads that plan them (src/seed/): bulk inserts that skip what an
 * earlier run wrote, the demo city's lookups, the residential seed's candidates and the history's
 * inputs and repeated weeks. The seeds keep their transactions and pass them in.
 */
@Injectable()
export class SeedRepository {
  constructor(private readonly db: DataSource) {}

  /** Two seeds running at once take turns: held until the transaction ends. */
  async lockSeed(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
  }

  /**
   * Inserts rows with one statement per batch: each column travels as one array parameter and
   * `unnest` turns the arrays back into rows. Rows that would break a unique constraint (already
   * there from an earlier run) are skipped. Returns how many rows went in.
   */
  async bulkInsert(
    m: EntityManager,
    spec: BulkTable,
    rows: readonly unknown[][],
    onBatch?: (inserted: number, done: number) => void,
  ): Promise<number> {
    const names = spec.columns.map((c) => c.name).join(', ');
    const params = spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    const selects = spec.columns.map((c) => (c.cast ? `src.${c.name}::${c.cast}` : `src.${c.name}`)).join(', ');
    const sql =
      `WITH ins AS (INSERT INTO ${spec.table} (${names}) SELECT ${selects} FROM unnest(${params}) AS src(${names})` +
      `${spec.where ? ` WHERE ${spec.where}` : ''} ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`;
    let inserted = 0;
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      const batch = rows.slice(start, start + BATCH_SIZE);
      const columns = spec.columns.map((_, i) => batch.map((row) => row[i]));
      const [{ n }] = await m.query<CountRow[]>(sql, columns);
      inserted += n;
      onBatch?.(inserted, start + batch.length);
    }
    return inserted;
  }

  /** Ids by code as stored: a facility made before the seed under a demo code keeps its own id. */
  async facilitiesByCode(m: EntityManager, codes: string[]): Promise<FacilityCodeRow[]> {
    return m.query<FacilityCodeRow[]>('SELECT id, code FROM facilities WHERE code = ANY($1::text[])', [codes]);
  }

  /** Which of these residents are there already. */
  async existingResidents(m: EntityManager, ids: string[]): Promise<IdRow[]> {
    return m.query<IdRow[]>('SELECT id FROM residents WHERE id = ANY($1::uuid[])', [ids]);
  }

  async unplacedResidents(m: EntityManager): Promise<UnplacedResidentRow[]> {
    return m.query<UnplacedResidentRow[]>(
      `SELECT id, district, street, care_level, subsidy_category FROM residents r
        WHERE NOT EXISTS (SELECT 1 FROM admissions a WHERE a.resident_id = r.id)
          AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.resident_id = r.id) ORDER BY id`,
    );
  }

  /** Rural homes with no beds yet. */
  async homesWithoutBeds(m: EntityManager): Promise<HomeRow[]> {
    return m.query<HomeRow[]>(
      `SELECT f.id, f.district FROM facilities f WHERE f.type = 'rural_home' AND NOT EXISTS (SELECT 1 FROM beds b WHERE b.facility_id = f.id) ORDER BY f.code`,
    );
  }

  /** Day-care sites with no day places yet. */
  async daySitesWithoutPlaces(m: EntityManager): Promise<DaySiteRow[]> {
    return m.query<DaySiteRow[]>(
      `SELECT f.id, f.district, f.street, f.opening_hours FROM facilities f
      WHERE f.type = 'day_care' AND NOT EXISTS (SELECT 1 FROM day_places p WHERE p.facility_id = f.id) ORDER BY f.code`,
    );
  }

  /** Whether the city has orders, slots before `todayStart`, or today already planned (shifts or slots from then on). */
  async historyState(todayStart: Date): Promise<HistoryStateRow> {
    const [state] = await this.db.query<HistoryStateRow[]>(
      `SELECT EXISTS (SELECT 1 FROM orders) AS orders, EXISTS (SELECT 1 FROM capacity_slots WHERE starts_at < $1) AS past,
            EXISTS (SELECT 1 FROM shifts WHERE upper(during) > $1) OR EXISTS (SELECT 1 FROM capacity_slots WHERE starts_at >= $1) AS today`,
      [todayStart],
    );
    return state;
  }

  async activeFacilities(): Promise<OpeningHoursRow[]> {
    return this.db.query<OpeningHoursRow[]>(`SELECT id, opening_hours FROM facilities WHERE active ORDER BY id`);
  }

  async services(): Promise<ServiceRow[]> {
    return this.db.query<ServiceRow[]>(
      `SELECT code, category, place, duration_minutes, required_skill, min_caregiver_level, base_price_fen FROM services ORDER BY code`,
    );
  }

  async facilityServices(): Promise<OfferedRow[]> {
    return this.db.query<OfferedRow[]>(`SELECT facility_id, service_code FROM facility_services`);
  }

  async facilitySeats(): Promise<SeatRow[]> {
    return this.db.query<SeatRow[]>(`SELECT facility_id, service_code, sitting, seats FROM facility_seats`);
  }

  async rosterTemplates(): Promise<TemplateRow[]> {
    return this.db.query<TemplateRow[]>(
      `SELECT id, facility_id, caregiver_id, weekday, extract(epoch FROM start_time)::int / 60 AS start_minute, extract(epoch FROM end_time)::int / 60 AS end_minute
       FROM roster_templates ORDER BY id`,
    );
  }

  async activeCaregivers(): Promise<CaregiverRow[]> {
    return this.db.query<CaregiverRow[]>(
      `SELECT id, facility_id, skills, level, max_weekly_minutes FROM caregivers WHERE active ORDER BY id`,
    );
  }

  /** Who books for a resident: their own login, else a family member who may book, else the facility's staff (by phone). */
  async bookingResidents(): Promise<BookingResidentRow[]> {
    return this.db.query<BookingResidentRow[]>(
      `SELECT r.id, r.home_facility_id, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.subsidy_category, r.care_level, r.lat, r.lng, r.address, r.dietary_needs,
            (SELECT u.id FROM users u WHERE u.resident_id = r.id AND u.role = 'senior' ORDER BY u.id LIMIT 1) AS senior_user,
            (SELECT l.user_id FROM family_links l WHERE l.resident_id = r.id AND l.can_book ORDER BY l.user_id LIMIT 1) AS family_user,
            COALESCE((SELECT u.id FROM users u WHERE u.facility_id = r.home_facility_id AND u.role = 'centre_staff' ORDER BY u.username LIMIT 1),
                     (SELECT u.id FROM users u WHERE u.role = 'admin' ORDER BY u.created_at LIMIT 1)) AS staff_user
       FROM residents r JOIN facilities f ON f.id = r.home_facility_id AND f.active
      ORDER BY r.id`,
    );
  }

  /** Fresh statistics for what the history loaded: without them the planner still sees the empty tables of a new database. */
  async analyzeHistoryTables(): Promise<void> {
    await this.db.query('ANALYZE shifts, capacity_slots, orders, order_history, assignments, visits, feedback, allowance_usage');
  }

  /** The temporary tables (dropped at commit) that hold one planned week of shifts and slots. */
  async createWeekTables(m: EntityManager): Promise<void> {
    await m.query(
      `CREATE TEMP TABLE history_week_shifts (caregiver_id uuid, facility_id uuid, starts_at timestamptz, ends_at timestamptz, template_id uuid) ON COMMIT DROP`,
    );
    await m.query(
      `CREATE TEMP TABLE history_week_slots (facility_id uuid, service_code text, starts_at timestamptz, ends_at timestamptz, sitting text, capacity int) ON COMMIT DROP`,
    );
  }

  /** The week's shifts repeated `weeks` times, those starting in [from, to) written; returns how many. */
  async repeatWeekShifts(m: EntityManager, weeks: number, from: Date, to: Date): Promise<number> {
    const [{ shifts }] = await m.query<ShiftCountRow[]>(
      `WITH ins AS (INSERT INTO shifts (caregiver_id, facility_id, during, source, template_id)
     SELECT w.caregiver_id, w.facility_id, tstzrange(w.starts_at + k * interval '7 days', w.ends_at + k * interval '7 days', '[)'), 'template', w.template_id
       FROM history_week_shifts w, generate_series(0, $1::int - 1) k
      WHERE w.starts_at + k * interval '7 days' >= $2 AND w.starts_at + k * interval '7 days' < $3 RETURNING 1)
     SELECT count(*)::int AS shifts FROM ins`,
      [weeks, from, to],
    );
    return shifts;
  }

  /** The week's slots repeated `weeks` times, those starting in [from, until) written under their history ids; returns how many. */
  async repeatWeekSlots(m: EntityManager, weeks: number, from: Date, until: Date): Promise<number> {
    const [{ slots }] = await m.query<SlotCountRow[]>(
      `WITH ins AS (INSERT INTO capacity_slots (id, facility_id, service_code, starts_at, ends_at, sitting, capacity)
     SELECT ${SLOT_ID_SQL}, w.facility_id, w.service_code, w.starts_at + k * interval '7 days', w.ends_at + k * interval '7 days', w.sitting, w.capacity
       FROM history_week_slots w, generate_series(0, $1::int - 1) k
      WHERE w.starts_at + k * interval '7 days' >= $2 AND w.starts_at + k * interval '7 days' < $3 RETURNING 1)
     SELECT count(*)::int AS slots FROM ins`,
      [weeks, from, until],
    );
    return slots;
  }

  /** The units the orders hold, set once on the slots they name (never past capacity: the plan keeps to it). */
  async settleSlotBookings(m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE capacity_slots c SET booked = x.n FROM (SELECT slot_id, count(*)::int AS n FROM orders WHERE holds_capacity GROUP BY slot_id) x WHERE c.id = x.slot_id`,
    );
  }

  /**
   * Every order's status history, from what the order, its assignment and its visit record: booked
   * (confirmed), then cancelled, or assigned and checked in and out (or missed, or a no-show), or
   * served at the facility. A check-in and check-out are the caregiver's; the rest the booker's.
   */
  async writeStatusHistory(m: EntityManager): Promise<void> {
    await m.query(`
      INSERT INTO order_history (order_id, at, from_status, to_status, by_user, reason)
      SELECT o.id, o.created_at, NULL, 'confirmed', o.created_by, NULL FROM orders o
      UNION ALL
      SELECT o.id, o.updated_at, 'confirmed', 'cancelled', o.created_by, o.cancel_reason FROM orders o WHERE o.status = 'cancelled'
      UNION ALL
      SELECT o.id, o.updated_at, 'confirmed', 'completed', o.created_by, '到店已服务 (served at the facility)'
        FROM orders o WHERE o.status = 'completed' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.order_id = o.id)
      UNION ALL
      SELECT a.order_id, a.created_at, 'confirmed', 'assigned', o.created_by, NULL FROM assignments a JOIN orders o ON o.id = a.order_id
      UNION ALL
      SELECT v.order_id, v.check_in_at, 'assigned', 'in_progress', COALESCE(u.id, o.created_by),
             CASE v.check_in_verified_by WHEN 'code' THEN 'checked in (verified by the daily code)' ELSE 'checked in (verified by location)' END
        FROM visits v JOIN orders o ON o.id = v.order_id LEFT JOIN users u ON u.caregiver_id = v.caregiver_id AND u.role = 'caregiver' WHERE v.check_in_at IS NOT NULL
      UNION ALL
      SELECT v.order_id, v.check_out_at, 'in_progress', 'completed', COALESCE(u.id, o.created_by), 'checked out'
        FROM visits v JOIN orders o ON o.id = v.order_id LEFT JOIN users u ON u.caregiver_id = v.caregiver_id AND u.role = 'caregiver' WHERE v.check_out_at IS NOT NULL
      UNION ALL
      SELECT v.order_id, v.missed_at, 'assigned', 'missed', o.created_by, 'no check-in 45 minutes after the planned start'
        FROM visits v JOIN orders o ON o.id = v.order_id WHERE v.missed_at IS NOT NULL
      UNION ALL
      SELECT o.id, o.updated_at, 'assigned', 'no_show', o.created_by, '护理员上门时老人不在家' FROM orders o WHERE o.status = 'no_show'
      ORDER BY 2`);
  }
}
