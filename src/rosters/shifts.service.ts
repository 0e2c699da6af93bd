import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { sameFacility } from '../common/same-facility.js';
import { CapacityJob } from './capacity.job.js';
import type { CreateShiftDto, RosterDto, ShiftDto } from './dto/roster.dto.js';
import { FacilityAccess } from './facility-access.js';
import {
  addDays,
  dayStart,
  DAY_MS,
  MINUTE_MS,
  minutesOf,
  shanghaiDate,
  toShanghaiIso,
  weekStartOf,
  type Interval,
} from '../common/shanghai-time.js';
import { minutesOverLimit } from './weekly-minutes.js';
import { spanOf } from './roster-inputs.js';
import { ShiftsRepository, type ShiftRow } from './shifts.repository.js';

const MAX_SHIFT_MS = 12 * 60 * MINUTE_MS;
const MAX_ROSTER_DAYS = 62;

function toShiftDto(r: ShiftRow): ShiftDto {
  const span = spanOf(r);
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

/** Shifts added and removed by hand, and the roster as staff and the bureau read it. */
@Injectable()
export class ShiftsService {
  constructor(
    private readonly db: DataSource,
    private readonly shifts: ShiftsRepository,
    private readonly facilities: FacilityAccess,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly job: CapacityJob,
  ) {}

  async create(actor: Actor, facilityId: string, dto: CreateShiftDto): Promise<ShiftDto> {
    await this.facilities.forStaff(actor, facilityId);
    const shift: Interval = { start: Date.parse(dto.start), end: Date.parse(dto.end) };
    if (shift.end <= shift.start) throw invalid('end', 'The shift must end after it starts');
    if (shift.end - shift.start > MAX_SHIFT_MS) throw invalid('end', 'A shift may last at most 12 hours: split it in two');
    if (shift.start < Date.now()) throw invalid('start', 'The shift starts in the past: rosters are for the time ahead');

    const created = await this.db.transaction(async (m) => {
      // The caregiver's row lock serialises shift writes per caregiver, so the weekly limit holds
      // under concurrency; overlaps are refused by the exclusion constraint in any case.
      const caregiver = await this.shifts.lockCaregiver(m, dto.caregiverId);
      if (!caregiver || !sameFacility(caregiver.facility_id, facilityId)) {
        throw new DomainError('CAREGIVER_NOT_AT_FACILITY', 'This caregiver does not work at this facility', [
          { field: 'caregiverId', message: 'not a caregiver of this facility' },
        ]);
      }
      if (!caregiver.active)
        throw new DomainError('CAREGIVER_NOT_AT_FACILITY', 'This caregiver is no longer active: reactivate them first');

      const [start, end] = [new Date(shift.start), new Date(shift.end)];
      if (await this.shifts.onLeaveDuring(m, caregiver.id, start, end)) {
        throw invalid('start', `${caregiver.name} is on leave during this time: choose another time or caregiver`);
      }

      // A shift added by hand wins over the template for its day.
      const day = shanghaiDate(shift.start);
      await this.shifts.markDayEdited(m, caregiver.id, day, actor.userId);
      await this.shifts.removeTemplateShiftsReplacedBy(
        m,
        caregiver.id,
        start,
        end,
        new Date(dayStart(day)),
        new Date(dayStart(day) + DAY_MS),
      );
      const weekStart = dayStart(weekStartOf(day));
      const week = await this.shifts.startingBetween(m, caregiver.id, new Date(weekStart), new Date(weekStart + 7 * DAY_MS));
      const over = minutesOverLimit(week.map(spanOf), shift, caregiver.max_weekly_minutes);
      if (over > 0) {
        throw new DomainError(
          'WEEKLY_LIMIT',
          `This shift would put ${caregiver.name} ${over} minutes over their weekly limit of ${caregiver.max_weekly_minutes} minutes: shorten it by ${over} minutes or move it to another week`,
        );
      }
      const row = await this.shifts.insertManual(m, caregiver.id, facilityId, start, end, actor.userId);
      const added = toShiftDto(row);
      await this.audit.record(m, actor, 'shift', added.id, 'create', null, {
        caregiverId: added.caregiverId,
        facilityId,
        start: added.start,
        end: added.end,
      });
      return added;
    });
    await this.job.afterChange([facilityId]);
    return created;
  }

  async remove(actor: Actor, shiftId: string): Promise<void> {
    const found = await this.shifts.placeOf(shiftId);
    if (!found) throw notFound('Shift');
    this.access.requireFacilityStaff(actor, found.facility_id);
    await this.db.transaction(async (m) => {
      await this.shifts.lockCaregiver(m, found.caregiver_id);
      const row = await this.shifts.find(m, shiftId);
      if (!row) throw notFound('Shift');
      if (Number(row.start_ms) < Date.now()) {
        throw new DomainError('SHIFT_INVALID', 'This shift has already started: shifts in progress or past stay on the record');
      }
      // Removing a shift by hand is an edit of the day: the template must not put it back.
      await this.shifts.markDayEdited(m, row.caregiver_id, shanghaiDate(Number(row.start_ms)), actor.userId);
      await this.shifts.remove(m, [shiftId]);
      const dto = toShiftDto(row);
      await this.audit.record(
        m,
        actor,
        'shift',
        shiftId,
        'delete',
        { caregiverId: dto.caregiverId, start: dto.start, end: dto.end, source: dto.source },
        null,
      );
    });
    await this.job.afterChange([found.facility_id]);
  }

  async roster(actor: Actor, facilityId: string, from?: string, to?: string): Promise<RosterDto> {
    await this.facilities.forReader(actor, facilityId);
    const first = from ?? shanghaiDate(Date.now());
    const last = to ?? addDays(first, 6);
    if (last < first)
      throw new DomainError('VALIDATION_FAILED', 'to must not be before from', [{ field: 'to', message: 'to must not be before from' }]);
    if (dayStart(last) - dayStart(first) >= MAX_ROSTER_DAYS * DAY_MS) {
      throw new DomainError('VALIDATION_FAILED', `Ask for at most ${MAX_ROSTER_DAYS} days at a time`, [
        { field: 'to', message: `at most ${MAX_ROSTER_DAYS} days after from` },
      ]);
    }
    const [start, end] = [new Date(dayStart(first)), new Date(dayStart(addDays(last, 1)))];
    const shifts = await this.shifts.atFacility(facilityId, start, end);
    const leaves = await this.shifts.leavesAtFacility(facilityId, start, end);
    return {
      facilityId,
      from: first,
      to: last,
      shifts: shifts.map(toShiftDto),
      leaves: leaves.map((l) => ({
        id: l.id,
        caregiverId: l.caregiver_id,
        caregiverName: l.caregiver_name,
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
