import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { addDays, dayStart, isoWeekday, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { VisitCardsService } from '../visits/visit-cards.service.js';
import { DayPlacesRepository } from './day-places.repository.js';
import type {
  AttendanceDayDto,
  AttendanceQuery,
  CreateEnrolmentDto,
  DayPlacesDto,
  EnrolmentDto,
  RecordAttendanceDto,
  SetDayPlacesDto,
} from './dto/day-places.dto.js';

const ATTENDANCE_BACK_DAYS = 31;

/**
 * Day places of a day-care site: places per weekday, seniors enrolled on weekdays (never more
 * than the places: a CHECK on the weekday's row, taken with a conditional update), and the
 * day's attendance, recorded by staff or by the senior's service-card code at the door.
 */
@Injectable()
export class DayPlacesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly places: DayPlacesRepository,
    private readonly cards: VisitCardsService,
    private readonly audit: AuditService,
  ) {}

  async setPlaces(actor: Actor, facilityId: string, dto: SetDayPlacesDto): Promise<DayPlacesDto> {
    await this.access.require(actor, 'facility.staff', facilityId);
    return this.db.transaction(async (m) => {
      const before = await this.places.weekdays(m, facilityId);
      const busiest = Math.max(0, ...before.map((w) => w.enrolled));
      if (dto.places < busiest) {
        throw new DomainError(
          'DAY_PLACES_FULL',
          `${busiest} seniors are enrolled on the busiest weekday: end enrolments first, or keep at least ${busiest} places`,
        );
      }
      await this.places.setPlaces(m, facilityId, dto.places);
      await this.audit.record(m, actor, 'day_places', facilityId, 'update', { places: before[0]?.places ?? 0 }, { places: dto.places });
      return { facilityId, places: dto.places, weekdays: await this.places.weekdays(m, facilityId) };
    });
  }

  async enrol(actor: Actor, facilityId: string, dto: CreateEnrolmentDto): Promise<EnrolmentDto> {
    await this.access.require(actor, 'facility.staff', facilityId);
    return this.db.transaction(async (m) => {
      if (!(await this.places.residentExists(m, dto.residentId))) throw notFound('Resident');
      const enrolment = await this.places.insertEnrolment(
        m,
        facilityId,
        dto.residentId,
        [...dto.weekdays].sort((a, b) => a - b),
        actor.userId,
      );
      if (!(await this.places.takePlaces(m, facilityId, dto.weekdays, 1))) {
        throw new DomainError('DAY_PLACES_FULL', 'This site has no day places set: set them with PUT /facilities/:id/day-places first');
      }
      await this.audit.record(m, actor, 'enrolment', enrolment.id, 'create', null, {
        facilityId,
        residentId: dto.residentId,
        weekdays: enrolment.weekdays,
      });
      return { id: enrolment.id, facilityId, residentId: enrolment.residentId, weekdays: enrolment.weekdays, active: true };
    });
  }

  async endEnrolment(actor: Actor, enrolmentId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.access.require(actor, 'enrolment.manage', enrolmentId, m);
      const enrolment = await this.places.lockEnrolment(m, enrolmentId);
      if (!enrolment) throw notFound('Enrolment');
      if (!enrolment.active) return;
      await this.places.endEnrolment(m, enrolment.id);
      await this.places.takePlaces(m, enrolment.facilityId, enrolment.weekdays, -1);
      await this.audit.record(m, actor, 'enrolment', enrolment.id, 'update', { active: true }, { active: false });
    });
  }

  async record(actor: Actor, facilityId: string, dto: RecordAttendanceDto): Promise<AttendanceDayDto> {
    await this.access.require(actor, 'facility.staff', facilityId);
    const today = shanghaiDate(Date.now());
    if (dto.date > today || dto.date < addDays(today, -ATTENDANCE_BACK_DAYS)) {
      throw invalid('date', `Record attendance for today or up to ${ATTENDANCE_BACK_DAYS} days back`);
    }
    if ((dto.residentId === undefined) === (dto.visitCode === undefined))
      throw invalid('residentId', 'Give either residentId or visitCode');
    const byCard = dto.visitCode !== undefined;
    await this.db.transaction(async (m) => {
      const residentId = byCard ? await this.residentByCode(m, facilityId, dto.date, dto.visitCode as string) : (dto.residentId as string);
      if (!(await this.places.isEnrolled(m, facilityId, residentId))) {
        throw new DomainError('NOT_ENROLLED', 'This senior is not enrolled at this site: enrol them first', [
          { field: 'residentId', message: 'not enrolled' },
        ]);
      }
      let arrivedAt = dto.arrivedAt ? new Date(dto.arrivedAt) : null;
      let leftAt = dto.leftAt ? new Date(dto.leftAt) : null;
      for (const [field, at] of [
        ['arrivedAt', arrivedAt],
        ['leftAt', leftAt],
      ] as const) {
        if (at && shanghaiDate(at.getTime()) !== dto.date) throw invalid(field, `${field} must fall on ${dto.date}`);
      }
      if (!arrivedAt && !leftAt) {
        const now = dto.date === today ? new Date() : new Date(dayStart(dto.date) + 9 * 3_600_000);
        // A second tap at the door on the same day is the senior leaving.
        if (await this.places.arrivedAtSoFar(m, facilityId, residentId, dto.date)) leftAt = now;
        else arrivedAt = now;
      }
      await this.places.recordAttendance(m, {
        facilityId,
        residentId,
        day: dto.date,
        arrivedAt,
        leftAt,
        method: byCard ? 'card' : 'staff',
        by: actor.userId,
      });
    });
    return this.day(actor, facilityId, { date: dto.date });
  }

  async day(actor: Actor, facilityId: string, q: AttendanceQuery): Promise<AttendanceDayDto> {
    await this.access.require(actor, 'facility.read', facilityId);
    const date = q.date ?? shanghaiDate(Date.now());
    const m = this.db.manager;
    const weekday = isoWeekday(date);
    const places = (await this.places.weekdays(m, facilityId)).find((w) => w.weekday === weekday);
    const enrolled = await this.places.enrolledOn(m, facilityId, weekday);
    const rows = await this.places.attendanceOf(m, facilityId, date);
    const came = new Set(rows.map((r) => r.resident_id));
    return {
      facilityId,
      date,
      places: places?.places ?? 0,
      enrolled: enrolled.length,
      attended: rows.filter((r) => r.arrived_at).length,
      present: rows.map((r) => ({
        residentId: r.resident_id,
        residentName: r.name,
        arrivedAt: r.arrived_at ? toShanghaiIso(r.arrived_at.getTime()) : null,
        leftAt: r.left_at ? toShanghaiIso(r.left_at.getTime()) : null,
        method: r.method,
      })),
      absent: enrolled.filter((e) => !came.has(e.residentId)),
    };
  }

  /** The enrolled senior whose card shows this code today; a wrong code is 422 and says nothing more. */
  private async residentByCode(
    m: Parameters<DayPlacesRepository['isEnrolled']>[0],
    facilityId: string,
    date: string,
    code: string,
  ): Promise<string> {
    const matching: string[] = [];
    for (const residentId of await this.places.activeResidents(m, facilityId)) {
      if (await this.cards.matches(m, residentId, date, code)) matching.push(residentId);
    }
    if (matching.length !== 1)
      throw new DomainError(
        'VISIT_CODE_WRONG',
        'This code matches no senior enrolled here today: check the date on the card, or record by name',
        [{ field: 'visitCode', message: 'no match' }],
      );
    return matching[0];
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('ATTENDANCE_INVALID', message, [{ field, message }]);
}
