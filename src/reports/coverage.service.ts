import { Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import type { CoverageFiguresDto, CoverageReportDto, CoverageRowDto } from './dto/report.dto.js';
import type { MonthQuery } from './dto/report-query.dto.js';
import { PRIORITY_GROUPS, ReportsRepository } from './reports.repository.js';
import { freshMonth } from './report-scope.js';
import { RollupsService } from './rollups.service.js';

const FIGURES = [
  'residents',
  'served',
  'unserved',
  'entitledResidents',
  'entitledUnserved',
  'entitledMinutes',
  'receivedMinutes',
  'shortfall',
] as const;

/**
 * Coverage of the priority groups per street or town for a month: who is in the group, who got
 * any completed service, the government-purchased minutes the policy entitles them to and the
 * minutes received. Group membership is the residents' registry as it is now; age is the age on
 * the month's last day. Shortfall is counted per resident and per capped policy, against the
 * minutes received in the services that policy covers.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly access: AccessService,
    private readonly rollups: RollupsService,
  ) {}

  async coverage(actor: Actor, q: MonthQuery): Promise<CoverageReportDto> {
    const { period, scope } = await freshMonth(this.rollups, this.access, actor, q);
    const rows = await this.reports.coverage(period, await this.reports.payingPolicies(), scope);
    const order = new Map<string, number>(PRIORITY_GROUPS.map((g, i) => [g.group, i]));
    const labels = new Map<string, string>(PRIORITY_GROUPS.map((g) => [g.group, g.label]));
    const out: CoverageRowDto[] = rows
      .map((r) => ({
        group: r.grp,
        groupLabel: labels.get(r.grp) ?? r.grp,
        district: r.district,
        street: r.street,
        residents: r.residents,
        served: r.served,
        unserved: r.residents - r.served,
        entitledResidents: r.entitled_residents,
        entitledUnserved: r.entitled_unserved,
        entitledMinutes: Number(r.entitled_minutes),
        receivedMinutes: Number(r.received_minutes),
        shortfall: Number(r.shortfall),
      }))
      .sort(
        (a, b) => order.get(a.group)! - order.get(b.group)! || a.district.localeCompare(b.district) || a.street.localeCompare(b.street),
      );
    const groups: CoverageFiguresDto[] = PRIORITY_GROUPS.map((g) => {
      const total: CoverageFiguresDto = {
        group: g.group,
        groupLabel: g.label,
        residents: 0,
        served: 0,
        unserved: 0,
        entitledResidents: 0,
        entitledUnserved: 0,
        entitledMinutes: 0,
        receivedMinutes: 0,
        shortfall: 0,
      };
      for (const r of out.filter((x) => x.group === g.group)) for (const f of FIGURES) total[f] += r[f];
      return total;
    });
    return { month: q.month, groups, rows: out };
  }
}
