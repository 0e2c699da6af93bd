import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ratio } from './csv.js';
import type { FacilityComparisonDto, FacilityComparisonRowDto, UtilisationReportDto, UtilisationRowDto } from './dto/report.dto.js';
import type { FacilitiesQuery, UtilisationQuery } from './dto/report-query.dto.js';
import { rangePeriod } from './report-period.js';
import { ReportsRepository, type FigureRow, type UtilisationRow } from './reports.repository.js';
import { freshMonth, reportScope } from './report-scope.js';
import { RollupsService } from './rollups.service.js';
import { countsFromRow, medianWaitHours } from './wait-histogram.js';

/** Utilisation by facility, district, service or period, and the facility comparison. */
@Injectable()
export class UtilisationService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly access: AccessService,
    private readonly rollups: RollupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async utilisation(actor: Actor, q: UtilisationQuery): Promise<UtilisationReportDto> {
    const period = rangePeriod(q.from, q.to);
    await this.rollups.ensureFresh();
    const rows = await this.reports.utilisation(q.groupBy, period, q.facilityType, reportScope(this.access, actor, q.district));
    const byService = q.groupBy === 'service';
    return { from: period.from, to: period.to, groupBy: q.groupBy, rows: rows.map((r) => toUtilisationRow(r, byService)) };
  }

  async facilities(actor: Actor, q: FacilitiesQuery): Promise<FacilityComparisonDto> {
    const { period, scope } = await freshMonth(this.rollups, this.access, actor, q);
    const facilityType = q.facilityType ?? 'street_centre';
    const rows = await this.reports.facilityMonths(period, facilityType, scope);
    const overPercent = this.config.reportOverUsedPercent;
    const underPercent = this.config.reportUnderUsedPercent;
    const compared = rows.map((r) => {
      const capacity = r.capacity ?? 0;
      const booked = r.booked ?? 0;
      const fillRate = ratio(booked, capacity);
      const rostered = r.rostered_minutes ?? 0;
      const assigned = r.assigned_minutes ?? 0;
      const flag =
        fillRate === null
          ? 'no_capacity'
          : booked * 100 >= overPercent * capacity
            ? 'over_used'
            : booked * 100 < underPercent * capacity
              ? 'under_used'
              : 'normal';
      return {
        rank: 0,
        facilityId: r.id,
        code: r.code,
        name: r.name,
        type: r.type,
        district: r.district,
        street: r.street,
        capacity,
        booked,
        ...outcomesOf(r),
        refusedDemand: r.refused ?? 0,
        fillRate,
        rosteredMinutes: rostered,
        assignedMinutes: assigned,
        caregiverUtilisation: ratio(assigned, rostered),
        flag,
        exact: capacity > 0 ? booked / capacity : -1,
      };
    });
    // Ranked by the exact fill rate (not the rounded one), then by code so that ties stay in one order.
    compared.sort((a, b) => b.exact - a.exact || a.code.localeCompare(b.code));
    const ranked: FacilityComparisonRowDto[] = compared.map(({ exact: _exact, ...row }, i) => ({ ...row, rank: i + 1 }));
    return { month: q.month, facilityType, overUsedFillRate: overPercent / 100, underUsedFillRate: underPercent / 100, rows: ranked };
  }
}

/** What became of the bookings of a group or facility: each count, 0 where no rollup row had any. */
function outcomesOf(r: FigureRow): Pick<UtilisationRowDto, 'completed' | 'cancelled' | 'noShow' | 'missed'> {
  return { completed: r.completed ?? 0, cancelled: r.cancelled ?? 0, noShow: r.no_show ?? 0, missed: r.missed ?? 0 };
}

function toUtilisationRow(r: UtilisationRow, byService: boolean): UtilisationRowDto {
  const capacity = r.capacity ?? 0;
  const booked = r.booked ?? 0;
  const assigned = r.assigned_minutes ?? 0;
  const rostered = byService ? null : (r.rostered_minutes ?? 0);
  const row: UtilisationRowDto = {
    key: r.key,
    capacity,
    booked,
    ...outcomesOf(r),
    waitlisted: r.waitlisted ?? 0,
    fillRate: ratio(booked, capacity),
    rosteredMinutes: rostered,
    assignedMinutes: assigned,
    caregiverUtilisation: rostered === null ? null : ratio(assigned, rostered),
    refusedDemand: r.refused ?? 0,
    medianWaitHours: medianWaitHours(countsFromRow(r)),
  };
  if (r.label !== null) row.label = r.label;
  return row;
}
