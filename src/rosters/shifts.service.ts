import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { sameFacility } from '../common/same-facility.js';
import { CapacityJob } from './capacity.job.js';
import type { CreateShiftDto, RosterDto, ShiftDto } from './dto/roster.dto.js';
import { requireFacility, requireRosterReader } from './facility-access.js';
import { addDays, dayStart, DAY_MS, MINUTE_MS, minutesOf, shanghaiDate, toShanghaiIso, weekStartOf, type Interval } from '../common/shanghai-time.js';
import { minutesOverLimit } from './weekly-minutes.js';

const MAX_SHIFT_MS = 12 * 60 * MINUTE_MS;
const MAX_ROSTER_DAYS = 62;

interface ShiftRowSql {
  id: string;
  caregiver_id: string;
  caregiver_name: string;
  facility_id: string;
  source: 'manual' | 'template';
  template_id: string | null;
  start_ms: string;
  end_ms: string;
}

const SHIFT_COLUMNS = `s.id, s.caregiver_id, c.name AS caregiver_name, s.facility_id, s.source, s.template_id,
  (extract(epoch FROM lower(s.during)) * 1000)::bigint AS start_ms, (extract(epoch FROM upper(s.during)) * 1000)::bigint AS end_ms`;

function toShiftDto(r: ShiftRowSql): ShiftDto {
  const span = { start: Number(r.start_ms), end: Number(r.end_ms) };
  return {
    id: r.id,
    caregiverId: r.caregiver_id,
    caregiverName: r.caregiver_name,
    facilityId: r.facility_id,
    start: toShanghaiIso(span.start),
    end: toShanghaiIso(span.end),
    minutes: minutesOf(span),
    source: r.source,
    templateId: r.template_id,
  };
}

/** Marks a caregiver's day as edited by hand: the template no longer fills it. */
export async function markDayEdited(m: EntityManager, caregiverId: string, day: string, actor: Actor): Promise<void> {
  await m.query(
    `INSERT INTO roster_day_edits (caregiver_id, day, edited_by) VALUES ($1, $2, $3)
     ON CONFLICT (caregiver_id, day) DO UPDATE SET edited_by = EXCLUDED.edited_by, edited_at = now()`,
    [caregiverId, day, actor.userId],
  );
}

/** Shifts added and removed by hand, and the roster as staff and the bureau read it. */
@Injectable()
export class ShiftsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly job: CapacityJob,
  ) {}

  async create(actor: Actor, facilityId: string, dto: CreateShiftDto): Promise<ShiftDto> {
    this.access.requireFacilityStaff(actor, facilityId);
    await requireFacility(this.db.manager, facilityId);
    const shift: Interval = { start: Date.parse(dto.start), end: Date.parse(dto.end) };
    if (shift.end <= shift.start) throw invalid('end', 'The shift must end after it starts');
    if (shift.end - shift.start > MAX_SHIFT_MS) throw invalid('end', 'A shift may last at most 12 hours: split it in two');
    if (shift.start < Date.now()) throw invalid('start', 'The shift starts in the past: rosters are for the time ahead');

    const created = await this.db.transaction(async (m) => {
      // The caregiver's row lock serialises shift writes per caregiver, so the weekly limit holds
      // under concurrency; overlaps are refused by the exclusion constraint in any case.
      const [caregiver] = (await m.query(
        'SELECT id, name, facility_id, active, max_weekly_minutes FROM caregivers WHERE id = $1 FOR UPDATE',
        [dto.caregiverId],
      )) as { id: string; name: string; facility_id: string; active: boolean; max_weekly_minutes: number }[];
      if (!caregiver || !sameFacility(caregiver.facility_id, facilityId)) {
        throw new DomainError('CAREGIVER_NOT_AT_FACILITY', 'This caregiver does not work at this facility', [
          { field: 'caregiverId', message: 'not a caregiver of this facility' },
        ]);
      }
      if (!caregiver.active) throw new DomainError('CAREGIVER_NOT_AT_FACILITY', 'This caregiver is no longer active: reactivate them first');

      const onLeave = (await m.query('SELECT 1 FROM leaves WHERE caregiver_id = $1 AND during && tstzrange($2, $3) LIMIT 1', [
        caregiver.id,
        new Date(shift.start),
        new Date(shift.end),
      ])) as unknown[];
      if (onLeave.length > 0) throw invalid('start', `${caregiver.name} is on leave during this time: choose another time or caregiver`);

      // A shift added by hand wins over the template for its day.
      const day = shanghaiDate(shift.start);
      await markDayEdited(m, caregiver.id, day, actor);
      await m.query(
        `DELETE FROM shifts WHERE caregiver_id = $1 AND source = 'template' AND lower(during) >= now()
            AND (during && tstzrange($2, $3) OR lower(during) >= $4 AND lower(during) < $5)`,
        [caregiver.id, new Date(shift.start), new Date(shift.end), new Date(dayStart(day)), new Date(dayStart(day) + DAY_MS)],
      );
      const weekStart = dayStart(weekStartOf(day));
      const week = (await m.query(
        `SELECT (extract(epoch FROM lower(during)) * 1000)::bigint AS s, (extract(epoch FROM upper(during)) * 1000)::bigint AS e
           FROM shifts WHERE caregiver_id = $1 AND lower(during) >= $2 AND lower(during) < $3`,
        [caregiver.id, new Date(weekStart), new Date(weekStart + 7 * DAY_MS)],
      )) as { s: string; e: string }[];
      const over = minutesOverLimit(
        week.map((w) => ({ start: Number(w.s), end: Number(w.e) })),
        shift,
        caregiver.max_weekly_minutes,
      );
      if (over > 0) {
        throw new DomainError(
          'WEEKLY_LIMIT',
          `This shift would put ${caregiver.name} ${over} minutes over their weekly limit of ${caregiver.max_weekly_minutes} minutes: shorten it by ${over} minutes or move it to another week`,
        );
      }
      const [row] = (await m.query(
        `WITH s AS (
           INSERT INTO shifts (caregiver_id, facility_id, during, source, created_by)
           VALUES ($1, $2, tstzrange($3, $4, '[)'), 'manual', $5) RETURNING *)
         SELECT ${SHIFT_COLUMNS} FROM s JOIN caregivers c ON c.id = s.caregiver_id`,
        [caregiver.id, facilityId, new Date(shift.start), new Date(shift.end), actor.userId],
      )) as ShiftRowSql[];
      const added = toShiftDto(row);
      await this.audit.record(m, actor, 'shift', added.id, 'create', null, { caregiverId: added.caregiverId, facilityId, start: added.start, end: added.end });
      return added;
    });
    await this.job.afterChange([facilityId]);
    return created;
  }

  async remove(actor: Actor, shiftId: string): Promise<void> {
    const found = isUuid(shiftId)
      ? ((await this.db.query('SELECT caregiver_id, facility_id FROM shifts WHERE id = $1', [shiftId])) as { caregiver_id: string; facility_id: string }[])
      : [];
    if (found.length === 0) throw notFound('Shift');
    this.access.requireFacilityStaff(actor, found[0].facility_id);
    await this.db.transaction(async (m) => {
      await m.query('SELECT 1 FROM caregivers WHERE id = $1 FOR UPDATE', [found[0].caregiver_id]);
      const [row] = (await m.query(`SELECT ${SHIFT_COLUMNS} FROM shifts s JOIN caregivers c ON c.id = s.caregiver_id WHERE s.id = $1`, [shiftId])) as ShiftRowSql[];
      if (!row) throw notFound('Shift');
      if (Number(row.start_ms) < Date.now()) {
        throw new DomainError('SHIFT_INVALID', 'This shift has already started: shifts in progress or past stay on the record');
      }
      // Removing a shift by hand is an edit of the day: the template must not put it back.
      await markDayEdited(m, row.caregiver_id, shanghaiDate(Number(row.start_ms)), actor);
      await m.query('DELETE FROM shifts WHERE id = $1', [shiftId]);
      const dto = toShiftDto(row);
      await this.audit.record(m, actor, 'shift', shiftId, 'delete', { caregiverId: dto.caregiverId, start: dto.start, end: dto.end, source: dto.source }, null);
    });
    await this.job.afterChange([found[0].facility_id]);
  }

  async roster(actor: Actor, facilityId: string, from?: string, to?: string): Promise<RosterDto> {
    requireRosterReader(this.access, actor, facilityId);
    await requireFacility(this.db.manager, facilityId);
    const first = from ?? shanghaiDate(Date.now());
    const last = to ?? addDays(first, 6);
    if (last < first) throw new DomainError('VALIDATION_FAILED', 'to must not be before from', [{ field: 'to', message: 'to must not be before from' }]);
    if (dayStart(last) - dayStart(first) >= MAX_ROSTER_DAYS * DAY_MS) {
      throw new DomainError('VALIDATION_FAILED', `Ask for at most ${MAX_ROSTER_DAYS} days at a time`, [{ field: 'to', message: `at most ${MAX_ROSTER_DAYS} days after from` }]);
    }
    const range = [new Date(dayStart(first)), new Date(dayStart(addDays(last, 1)))];
    const shifts = (await this.db.query(
      `SELECT ${SHIFT_COLUMNS} FROM shifts s JOIN caregivers c ON c.id = s.caregiver_id
        WHERE s.facility_id = $1 AND s.during && tstzrange($2, $3) ORDER BY lower(s.during), c.name, s.id`,
      [facilityId, ...range],
    )) as ShiftRowSql[];
    const leaves = (await this.db.query(
      `SELECT l.id, l.caregiver_id, c.name, l.reason,
              (extract(epoch FROM lower(l.during)) * 1000)::bigint AS start_ms, (extract(epoch FROM upper(l.during)) * 1000)::bigint AS end_ms
         FROM leaves l JOIN caregivers c ON c.id = l.caregiver_id
        WHERE c.facility_id = $1 AND l.during && tstzrange($2, $3) ORDER BY lower(l.during), c.name`,
      [facilityId, ...range],
    )) as { id: string; caregiver_id: string; name: string; reason: string; start_ms: string; end_ms: string }[];
    return {
      facilityId,
      from: first,
      to: last,
      shifts: shifts.map(toShiftDto),
      leaves: leaves.map((l) => ({
        id: l.id,
        caregiverId: l.caregiver_id,
        caregiverName: l.name,
        from: toShanghaiIso(Number(l.start_ms)),
        to: toShanghaiIso(Number(l.end_ms)),
        reason: l.reason,
      })),
    };
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('SHIFT_INVALID', message, [{ field, message }]);
}
