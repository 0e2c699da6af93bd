import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { CapacityJob } from './capacity.job.js';
import type { CreateLeaveDto, LeaveCreatedDto } from './dto/roster.dto.js';
import { isIsoDate } from '../common/http/validators.js';
import { LeaveHooks } from './leave-hooks.js';
import { spanOf } from './roster-inputs.js';
import { ShiftsRepository } from './shifts.repository.js';
import { addDays, dayStart, DAY_MS, subtract, toShanghaiIso, type Interval } from '../common/shanghai-time.js';

const MAX_LEAVE_DAYS = 366;

/**
 * Leave: the caregiver's shifts in the period are removed or cut back, which lowers the capacity
 * of the slots they carried (the facility's capacity is refreshed straight after); the leave hooks
 * release whatever else the caregiver held in the period.
 */
@Injectable()
export class LeaveService {
  constructor(
    private readonly db: DataSource,
    private readonly shifts: ShiftsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly hooks: LeaveHooks,
    private readonly job: CapacityJob,
  ) {}

  async create(actor: Actor, caregiverId: string, dto: CreateLeaveDto): Promise<LeaveCreatedDto> {
    const caregiver = await this.access.requireCaregiver(actor, caregiverId);
    const leave: Interval = {
      start: isIsoDate(dto.from) ? dayStart(dto.from) : Date.parse(dto.from),
      end: isIsoDate(dto.to) ? dayStart(addDays(dto.to, 1)) : Date.parse(dto.to),
    };
    const now = Date.now();
    if (leave.end <= leave.start) throw invalid('to', 'The leave must end after it starts');
    if (leave.end <= now) throw invalid('to', 'This leave is already over: record leave for today or later');
    if (leave.end - leave.start > MAX_LEAVE_DAYS * DAY_MS) throw invalid('to', `Record at most ${MAX_LEAVE_DAYS} days of leave at a time`);
    // What already happened stays on the record: the leave takes effect from now on.
    const effect: Interval = { start: Math.max(leave.start, now), end: leave.end };

    const facilities = new Set([caregiver.facilityId]);
    const outcome = await this.db.transaction(async (m) => {
      await this.shifts.lockCaregiver(m, caregiver.id);
      const id = await this.shifts.insertLeave(m, caregiver.id, new Date(leave.start), new Date(leave.end), dto.reason, actor.userId);
      const shifts = await this.shifts.lockOfCaregiverTouching(m, caregiver.id, new Date(effect.start), new Date(effect.end));
      let removed = 0;
      let trimmed = 0;
      for (const shift of shifts) {
        facilities.add(shift.facility_id);
        const pieces = subtract(spanOf(shift), [effect]);
        if (pieces.length === 0) {
          await this.shifts.remove(m, [shift.id]);
          removed++;
          continue;
        }
        trimmed++;
        await this.shifts.setSpan(m, shift.id, new Date(pieces[0].start), new Date(pieces[0].end));
        for (const piece of pieces.slice(1)) await this.shifts.insertPiece(m, shift, new Date(piece.start), new Date(piece.end));
      }
      await this.hooks.run({ manager: m, actor, leaveId: id, caregiverId: caregiver.id, start: effect.start, end: effect.end });
      const created: LeaveCreatedDto = {
        id,
        caregiverId: caregiver.id,
        caregiverName: caregiver.name,
        from: toShanghaiIso(leave.start),
        to: toShanghaiIso(leave.end),
        reason: dto.reason,
        shiftsRemoved: removed,
        shiftsTrimmed: trimmed,
      };
      await this.audit.record(m, actor, 'leave', id, 'create', null, {
        caregiverId: caregiver.id,
        from: created.from,
        to: created.to,
        reason: dto.reason,
        shiftsRemoved: removed,
        shiftsTrimmed: trimmed,
      });
      return created;
    });
    await this.job.afterChange(facilities);
    return outcome;
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('LEAVE_INVALID', message, [{ field, message }]);
}
