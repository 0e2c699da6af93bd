import type { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
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
