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
      await m.query('SELECT 1 FROM caregivers WHERE id = $1 FOR UPDATE', [caregiver.id]);
      const [{ id }] = (await m.query(
        `INSERT INTO leaves (caregiver_id, during, reason, created_by) VALUES ($1, tstzrange($2, $3, '[)'), $4, $5) RETURNING id`,
        [caregiver.id, new Date(leave.start), new Date(leave.end), dto.reason, actor.userId],
      )) as { id: string }[];
      const shifts = (await m.query(
        `SELECT id, facility_id, source, template_id, created_by,
                (extract(epoch FROM lower(during)) * 1000)::bigint AS s, (extract(epoch FROM upper(during)) * 1000)::bigint AS e
           FROM shifts WHERE caregiver_id = $1 AND during && tstzrange($2, $3) ORDER BY lower(during) FOR UPDATE`,
        [caregiver.id, new Date(effect.start), new Date(effect.end)],
      )) as { id: string; facility_id: string; source: string; template_id: string | null; created_by: string | null; s: string; e: string }[];
      let removed = 0;
      let trimmed = 0;
      for (const shift of shifts) {
        facilities.add(shift.facility_id);
        const pieces = subtract({ start: Number(shift.s), end: Number(shift.e) }, [effect]);
        if (pieces.length === 0) {
          await m.query('DELETE FROM shifts WHERE id = $1', [shift.id]);
          removed++;
          continue;
        }
        trimmed++;
        await m.query(`UPDATE shifts SET during = tstzrange($2, $3, '[)') WHERE id = $1`, [shift.id, new Date(pieces[0].start), new Date(pieces[0].end)]);
        for (const piece of pieces.slice(1)) {
          await m.query(
            `INSERT INTO shifts (caregiver_id, facility_id, during, source, template_id, created_by) VALUES ($1, $2, tstzrange($3, $4, '[)'), $5, $6, $7)`,
            [caregiver.id, shift.facility_id, new Date(piece.start), new Date(piece.end), shift.source, shift.template_id, shift.created_by],
          );
        }
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
      await this.audit.record(m, actor, 'leave', id, 'create', null, { caregiverId: caregiver.id, from: created.from, to: created.to, reason: dto.reason, shiftsRemoved: removed, shiftsTrimmed: trimmed });
      return created;
    });
    await this.job.afterChange(facilities);
    return outcome;
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('LEAVE_INVALID', message, [{ field, message }]);
}
