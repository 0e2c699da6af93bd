import { Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import type { FundingFiguresDto, SpendFiguresDto, SubsidyReportDto } from './dto/report.dto.js';
import type { MonthQuery } from './dto/report-query.dto.js';
import { ReportsRepository, type SpendRow } from './reports.repository.js';
import { freshMonth } from './report-scope.js';
import { RollupsService } from './rollups.service.js';
import { ChargesService } from '../residential/charges.service.js';
import { residentialSpend } from '../residential/residential-spend.js';

/**
 * Subsidy spend of a month's completed orders by funding source, the residents' subsidy category,
 * service and facility. Every breakdown is a partition of the same orders, so each adds up to the
 * totals, and subsidy + copay = base holds row by row (a CHECK on orders and on the rollup).
 */
@Injectable()
export class SubsidiesService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly access: AccessService,
    private readonly rollups: RollupsService,
    private readonly charges: ChargesService,
  ) {}

  async subsidies(actor: Actor, q: MonthQuery): Promise<SubsidyReportDto> {
    const { period, scope } = await freshMonth(this.rollups, this.access, actor, q);
    const { spend, funding } = await this.reports.spend(period, scope);

    const totals = { orders: 0, baseFen: 0, subsidyFen: 0, copayFen: 0, fundingFen: 0 };
    const byCategory = new Map<string, SpendFiguresDto>();
    const byService = new Map<string, SpendFiguresDto>();
    const byFacility = new Map<string, SpendFiguresDto>();
    const add = (map: Map<string, SpendFiguresDto>, key: string, label: string | undefined, r: SpendRow) => {
      const entry = map.get(key) ?? { key, ...(label === undefined ? {} : { label }), orders: 0, baseFen: 0, subsidyFen: 0, copayFen: 0 };
      entry.orders += r.orders;
      entry.baseFen += Number(r.base_fen);
      entry.subsidyFen += Number(r.subsidy_fen);
      entry.copayFen += Number(r.copay_fen);
      map.set(key, entry);
    };
    for (const r of spend) {
      totals.orders += r.orders;
      totals.baseFen += Number(r.base_fen);
      totals.subsidyFen += Number(r.subsidy_fen);
      totals.copayFen += Number(r.copay_fen);
      add(byCategory, r.subsidy_category, undefined, r);
      add(byService, r.service_code, r.service_name, r);
      add(byFacility, r.facility_id, r.facility_name, r);
    }
    const byFundingSource: FundingFiguresDto[] = funding.map((f) => ({
      key: f.funding_source,
      orders: f.orders,
      amountFen: Number(f.amount_fen),
    }));
    totals.fundingFen = byFundingSource.reduce((a, f) => a + f.amountFen, 0);
    const sorted = (map: Map<string, SpendFiguresDto>) =>
      [...map.values()].sort((a, b) => (a.label ?? a.key).localeCompare(b.label ?? b.key) || a.key.localeCompare(b.key));
    const partitions = [byCategory, byService, byFacility].map((m) => [...m.values()]);
    const reconciles =
      totals.subsidyFen + totals.copayFen === totals.baseFen &&
      totals.fundingFen === totals.subsidyFen &&
      partitions.every((p) =>
        ['orders', 'baseFen', 'subsidyFen', 'copayFen'].every(
          (k) => p.reduce((a, e) => a + (e[k as keyof SpendFiguresDto] as number), 0) === totals[k as keyof typeof totals],
        ),
      );
    return {
      month: q.month,
      totals,
      reconciles,
      byFundingSource,
      byCategory: sorted(byCategory),
      byService: sorted(byService),
      byFacility: sorted(byFacility),
      residential: residentialSpend(
        (await this.charges.monthCharges(q.month, scope.facilityId)).filter((c) => !scope.district || c.district === scope.district),
      ),
    };
  }
}
