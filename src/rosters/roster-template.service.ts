import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { FieldDetail } from '../common/errors/error-codes.js';
import { CapacityJob } from './capacity.job.js';
import type { ReplaceTemplateDto, RosterTemplateDto, TemplateEntryDto, TemplateEntryInput } from './dto/roster.dto.js';
import { requireFacility, requireRosterReader } from './facility-access.js';
import { LOCK_CAPACITY_FACILITY } from './horizon.js';
import { clockMinutes } from '../common/shanghai-time.js';
import { templateMinutesOver } from './weekly-minutes.js';

const MAX_ENTRY_MINUTES = 12 * 60;
const key = (e: TemplateEntryInput) => `${e.caregiverId}|${e.weekday}|${e.start}|${e.end}`;

/** The facility's weekly roster template: read, and replaced as a whole. */
@Injectable()
export class RosterTemplateService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly job: CapacityJob,
  ) {}

  async get(actor: Actor, facilityId: string): Promise<RosterTemplateDto> {
    requireRosterReader(this.access, actor, facilityId);
    await requireFacility(this.db.manager, facilityId);
    return { facilityId, entries: await readEntries(this.db.manager, facilityId) };
  }

  async replace(actor: Actor, facilityId: string, dto: ReplaceTemplateDto): Promise<RosterTemplateDto> {
    this.access.requireFacilityStaff(actor, facilityId);
    await requireFacility(this.db.manager, facilityId);
    checkEntries(dto.entries);
    const result = await this.db.transaction(async (m) => {
      // One template change per facility at a time, and not in the middle of its capacity run.
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CAPACITY_FACILITY, facilityId]);
      const ids = [...new Set(dto.entries.map((e) => e.caregiverId))];
      const caregivers = (await m.query(
        'SELECT id, name, max_weekly_minutes FROM caregivers WHERE id = ANY($1::uuid[]) AND facility_id = $2 AND active',
        [ids, facilityId],
      )) as { id: string; name: string; max_weekly_minutes: number }[];
      const known = new Map(caregivers.map((c) => [c.id, c]));
      const strangers: FieldDetail[] = dto.entries.flatMap((e, i) =>
        known.has(e.caregiverId) ? [] : [{ field: `entries.${i}.caregiverId`, message: 'not an active caregiver of this facility' }],
      );
      if (strangers.length > 0) {
        throw new DomainError('CAREGIVER_NOT_AT_FACILITY', 'Some template lines name caregivers who do not work at this facility', strangers);
      }
      const over = templateMinutesOver(dto.entries, new Map(caregivers.map((c) => [c.id, c.max_weekly_minutes])));
      if (over.length > 0) {
        const text = over.map((o) => `${known.get(o.caregiverId)?.name}: ${o.minutes} minutes a week, ${o.over} over the limit of ${o.limit}`).join('; ');
        throw new DomainError('WEEKLY_LIMIT', `The template puts caregivers over their weekly limit (${text}): shorten their shifts`);
      }
      const before = await readEntries(m, facilityId);
      const wanted = new Set(dto.entries.map(key));
      const kept = new Set(before.map(key));
      // Unchanged lines keep their ids, so the shifts they already gave stay as they are.
      const drop = before.filter((e) => !wanted.has(key(e))).map((e) => e.id);
      const add = dto.entries.filter((e, i) => !kept.has(key(e)) && dto.entries.findIndex((x) => key(x) === key(e)) === i);
      if (drop.length > 0) await m.query('DELETE FROM roster_templates WHERE id = ANY($1::uuid[])', [drop]);
      if (add.length > 0) {
        await m.query(
          `INSERT INTO roster_templates (facility_id, caregiver_id, weekday, start_time, end_time)
           SELECT $1, c, w, s::time, e::time FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS u(c, w, s, e)`,
          [facilityId, add.map((e) => e.caregiverId), add.map((e) => e.weekday), add.map((e) => e.start), add.map((e) => e.end)],
        );
      }
      const after = await readEntries(m, facilityId);
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

async function readEntries(m: EntityManager, facilityId: string): Promise<TemplateEntryDto[]> {
  const rows = (await m.query(
    `SELECT t.id, t.caregiver_id, t.weekday, to_char(t.start_time, 'HH24:MI') AS start, to_char(t.end_time, 'HH24:MI') AS "end"
       FROM roster_templates t JOIN caregivers c ON c.id = t.caregiver_id
      WHERE t.facility_id = $1 ORDER BY t.weekday, t.start_time, c.name, t.id`,
    [facilityId],
  )) as { id: string; caregiver_id: string; weekday: number; start: string; end: string }[];
  return rows.map((r) => ({ id: r.id, caregiverId: r.caregiver_id, weekday: r.weekday, start: r.start, end: r.end }));
}
