import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { FieldDetail } from '../common/errors/error-codes.js';
import { CapacityJob } from './capacity.job.js';
import type { ReplaceTemplateDto, RosterTemplateDto, TemplateEntryDto, TemplateEntryInput } from './dto/roster.dto.js';
import { FacilityAccess } from './facility-access.js';
import { clockMinutes } from '../common/shanghai-time.js';
import { templateMinutesOver } from './weekly-minutes.js';
import { ShiftsRepository, type TemplateEntryRow } from './shifts.repository.js';
import { SlotsRepository } from './slots.repository.js';

const MAX_ENTRY_MINUTES = 12 * 60;
const key = (e: TemplateEntryInput) => `${e.caregiverId}|${e.weekday}|${e.start}|${e.end}`;

/** The facility's weekly roster template: read, and replaced as a whole. */
@Injectable()
export class RosterTemplateService {
  constructor(
    private readonly db: DataSource,
    private readonly shifts: ShiftsRepository,
    private readonly slots: SlotsRepository,
    private readonly facilities: FacilityAccess,
    private readonly audit: AuditService,
    private readonly job: CapacityJob,
  ) {}

  async get(actor: Actor, facilityId: string): Promise<RosterTemplateDto> {
    await this.facilities.forReader(actor, facilityId);
    return { facilityId, entries: (await this.shifts.templateEntries(this.db.manager, facilityId)).map(toEntry) };
  }

  async replace(actor: Actor, facilityId: string, dto: ReplaceTemplateDto): Promise<RosterTemplateDto> {
    await this.facilities.forStaff(actor, facilityId);
    checkEntries(dto.entries);
    const result = await this.db.transaction(async (m) => {
      // One template change per facility at a time, and not in the middle of its capacity run.
      await this.slots.lockFacility(m, facilityId);
      const ids = [...new Set(dto.entries.map((e) => e.caregiverId))];
      const caregivers = await this.shifts.activeCaregiversAmong(m, facilityId, ids);
      const known = new Map(caregivers.map((c) => [c.id, c]));
      const strangers: FieldDetail[] = dto.entries.flatMap((e, i) =>
        known.has(e.caregiverId) ? [] : [{ field: `entries.${i}.caregiverId`, message: 'not an active caregiver of this facility' }],
      );
      if (strangers.length > 0) {
        throw new DomainError(
          'CAREGIVER_NOT_AT_FACILITY',
          'Some template lines name caregivers who do not work at this facility',
          strangers,
        );
      }
      const over = templateMinutesOver(dto.entries, new Map(caregivers.map((c) => [c.id, c.max_weekly_minutes])));
      if (over.length > 0) {
        const text = over
          .map((o) => `${known.get(o.caregiverId)?.name}: ${o.minutes} minutes a week, ${o.over} over the limit of ${o.limit}`)
          .join('; ');
        throw new DomainError('WEEKLY_LIMIT', `The template puts caregivers over their weekly limit (${text}): shorten their shifts`);
      }
      const before = (await this.shifts.templateEntries(m, facilityId)).map(toEntry);
      const wanted = new Set(dto.entries.map(key));
      const kept = new Set(before.map(key));
      // Unchanged lines keep their ids, so the shifts they already gave stay as they are.
      const drop = before.filter((e) => !wanted.has(key(e))).map((e) => e.id);
      const add = dto.entries.filter((e, i) => !kept.has(key(e)) && dto.entries.findIndex((x) => key(x) === key(e)) === i);
      if (drop.length > 0) await this.shifts.removeTemplateEntries(m, drop);
      if (add.length > 0) await this.shifts.insertTemplateEntries(m, facilityId, add);
      const after = (await this.shifts.templateEntries(m, facilityId)).map(toEntry);
      await this.audit.record(m, actor, 'roster_template', facilityId, 'update', { entries: before.map(key) }, { entries: after.map(key) });
      return after;
    });
    await this.job.afterChange([facilityId]);
    return { facilityId, entries: result };
  }
}

/** Each line ends after it starts, lasts at most 12 hours, and no two lines of one caregiver's day overlap. */
function checkEntries(entries: TemplateEntryInput[]): void {
  const details: FieldDetail[] = [];
  entries.forEach((e, i) => {
    const length = clockMinutes(e.end) - clockMinutes(e.start);
    if (length <= 0) details.push({ field: `entries.${i}.end`, message: 'end must be after start on the same day' });
    else if (length > MAX_ENTRY_MINUTES) details.push({ field: `entries.${i}.end`, message: 'a shift may last at most 12 hours' });
  });
  entries.forEach((a, i) => {
    entries.forEach((b, j) => {
      if (j <= i || a.caregiverId !== b.caregiverId || a.weekday !== b.weekday || key(a) === key(b)) return;
      if (clockMinutes(a.start) < clockMinutes(b.end) && clockMinutes(b.start) < clockMinutes(a.end)) {
        details.push({ field: `entries.${j}`, message: `overlaps entries.${i} for the same caregiver and weekday` });
      }
    });
  });
  if (details.length > 0) throw new DomainError('TEMPLATE_INVALID', 'Some template lines need correcting: see details', details);
}

function toEntry(r: TemplateEntryRow): TemplateEntryDto {
  return { id: r.id, caregiverId: r.caregiver_id, weekday: r.weekday, start: r.start, end: r.end };
}
