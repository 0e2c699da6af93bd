import type { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import type { MonthQuery } from './dto/report-query.dto.js';
import { monthPeriod, type Period } from './report-period.js';
import type { RollupsService } from './rollups.service.js';
import { districtNameOf } from '../divisions/district-filter.js';

/** Who a report covers: a centre's own facility (from the access policy) and a county-level district, each optional. */
export interface ReportScope {
  facilityId?: string;
  district?: string;
}

/** The scope of a report the actor asked for, with ?district= (422 DISTRICT_UNKNOWN when it names none). */
export function reportScope(access: AccessService, actor: Actor, district: string | undefined): ReportScope {
  return { facilityId: access.facilityScope(actor), district: districtNameOf(district) };
}

/** A month's report: its period and scope, with the rollups brought up to date first. */
export async function freshMonth(
  rollups: RollupsService,
  access: AccessService,
  actor: Actor,
  q: MonthQuery,
): Promise<{ period: Period; scope: ReportScope }> {
  const period = monthPeriod(q.month);
  await rollups.ensureFresh();
  return { period, scope: reportScope(access, actor, q.district) };
}
