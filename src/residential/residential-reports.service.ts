import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/roles.js';
import { addDays, dayStart, shanghaiDate } from '../common/shanghai-time.js';
import { ratio } from '../reports/csv.js';
import { monthPeriod, rangePeriod } from '../reports/report-period.js';
import { districtNameOf } from '../divisions/district-filter.js';
import type {
  AttendanceReportDto,
  AttendanceReportQuery,
  AttendanceRowDto,
  InstitutionalCareQuery,
  InstitutionalCareReportDto,
  OccupancyQuery,
  OccupancyReportDto,
} from './dto/residential-reports.dto.js';
import { occupancyRows, type FacilityMonth } from './occupancy-figures.js';
import { AccessService } from '../common/auth/access.service.js';
import { ResidentialReportsRepository, type MonthSegment } from './residential-reports.repository.js';

/**
 * The months a period touches, each cut to the period: [key, start, end) in Asia/Shanghai. Days
 * after today are left out: their bed-days are not known yet, and counting them empty would make
 * the current month look half empty.
 */
function monthSegments(from: string, until: string): MonthSegment[] {
  const today = shanghaiDate(Date.now());
  const to = until > today ? today : until;
  const out: MonthSegment[] = [];
  let first = from;
  while (first <= to) {
    const next = monthPeriod(first.slice(0, 7)).to;
    const last = next < to ? next : to;
    out.push({
      month: first.slice(0, 7),
      start: new Date(dayStart(first)),
      end: new Date(dayStart(addDays(last, 1))),
      days: Math.round((dayStart(addDays(last, 1)) - dayStart(first)) / 86_400_000),
    });
    first = addDays(last, 1);
  }
  return out;
}

/** The bureau's residential reports: bed occupancy, 集中供养 of extreme-hardship residents, day-care attendance. */
@Injectable()
export class ResidentialReportsService {
  constructor(
    private readonly reports: ResidentialReportsRepository,
    private readonly access: AccessService,
  ) {}

  async occupancy(actor: Actor, q: OccupancyQuery): Promise<OccupancyReportDto> {
    const period = rangePeriod(q.from, q.to);
    const district = districtNameOf(q.district);
    const segments = monthSegments(period.from, period.to);
    const rows = await this.reports.occupancy(segments, this.access.facilityScope(actor) ?? null, district ?? null);
    const months: FacilityMonth[] = rows.map((r) => ({
      facilityId: r.id,
      facilityName: r.name,
      district: r.district,
      month: r.month,
      days: r.days,
      beds: r.beds,
      occupiedDays: Number(r.occupied_days),
      admissions: r.admissions,
      discharges: r.discharges,
      stayDaysOfDischarged: Number(r.stay_days),
      admittedFromList: r.from_list,
      waitDaysOfAdmitted: Number(r.wait_days),
      waitingAtEnd: r.waiting,
    }));
    return { from: period.from, to: period.to, groupBy: q.groupBy, rows: occupancyRows(months, q.groupBy) };
  }

  /** 集中供养率: of the district's extreme-hardship residents, the share holding a bed on the month's last day. */
  async institutionalCare(actor: Actor, q: InstitutionalCareQuery): Promise<InstitutionalCareReportDto> {
    const period = monthPeriod(q.month);
    const district = districtNameOf(q.district);
    const lastDay = { start: new Date(dayStart(period.to)), end: new Date(dayStart(addDays(period.to, 1))) };
    const rows = await this.reports.institutionalCare(
      lastDay.start,
      lastDay.end,
      district ?? null,
      this.access.facilityScope(actor) ?? null,
    );
    const out = rows.map((r) => ({ district: r.district, tekunResidents: r.tekun, inHome: r.in_home, rate: ratio(r.in_home, r.tekun) }));
    const tekun = out.reduce((a, r) => a + r.tekunResidents, 0);
    const inHome = out.reduce((a, r) => a + r.inHome, 0);
    return {
      month: q.month,
      rows: out,
      total: { district: district ?? '合计', tekunResidents: tekun, inHome, rate: ratio(inHome, tekun) },
    };
  }

  async attendance(actor: Actor, q: AttendanceReportQuery): Promise<AttendanceReportDto> {
    const period = rangePeriod(q.from, q.to);
    const district = districtNameOf(q.district);
    const days: string[] = [];
    // Days after today have no attendance yet: left out, as for occupancy.
    const today = shanghaiDate(Date.now());
    for (let d = period.from; d <= period.to && d <= today; d = addDays(d, 1)) days.push(d);
    const rows = await this.reports.attendance(days, this.access.facilityScope(actor) ?? null, district ?? null);
    const groups = new Map<string, AttendanceRowDto>();
    for (const r of rows) {
      const key = q.groupBy === 'facility' ? r.id : q.groupBy === 'district' ? r.district : r.day;
      const g = groups.get(key) ?? {
        key,
        ...(q.groupBy === 'facility' ? { label: r.name } : {}),
        places: 0,
        enrolled: 0,
        attended: 0,
        attendanceRate: null,
      };
      g.places += r.places;
      g.enrolled += r.enrolled;
      g.attended += r.attended;
      groups.set(key, g);
    }
    const out = [...groups.values()].map((g) => ({ ...g, attendanceRate: ratio(g.attended, g.enrolled) }));
    out.sort((a, b) => (a.label ?? a.key).localeCompare(b.label ?? b.key) || a.key.localeCompare(b.key));
    return { from: period.from, to: period.to, groupBy: q.groupBy, rows: out };
  }
}
