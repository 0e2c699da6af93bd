import { DomainError } from '../common/errors/domain-error.js';
import { findDistrict } from './divisions.js';

/** The district name the registry stores, for a report's ?district= (GB/T 2260 code or name); 422 when unknown. */
export function districtNameOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const district = findDistrict(value);
  if (district) return district.name;
  throw new DomainError(
    'DISTRICT_UNKNOWN',
    `${value} is not a county-level division of Chenzhou: give a code from GET /divisions (431002 北湖区 …)`,
    [{ field: 'district', message: 'unknown district' }],
  );
}
