import { DomainError } from '../common/errors/domain-error.js';
import { checkPlace } from './divisions.js';

export interface PlaceInput {
  district?: string;
  street?: string;
  districtCode?: string;
  streetCode?: string;
}

export interface Place {
  district?: string;
  street?: string;
  districtCode?: string;
  streetCode?: string;
}

/**
 * A body's district and street: given codes, they must name a street of that district (422
 * otherwise) and the names follow the codes; given names only, the database fills the codes.
 */
export function placeOf(input: PlaceInput): Place {
  if (input.districtCode === undefined && input.streetCode === undefined) return { district: input.district, street: input.street };
  if (input.districtCode === undefined || input.streetCode === undefined) {
    throw new DomainError('STREET_NOT_IN_DISTRICT', 'Give districtCode and streetCode together (codes from GET /divisions)', [
      { field: input.districtCode === undefined ? 'districtCode' : 'streetCode', message: 'required with the other code' },
    ]);
  }
  const check = checkPlace(input.districtCode, input.streetCode);
  if (!check.ok && check.reason === 'district_unknown') {
    throw new DomainError(
      'DISTRICT_UNKNOWN',
      `${input.districtCode} is not a county-level division of Chenzhou: pick one from GET /divisions`,
      [{ field: 'districtCode', message: 'unknown district' }],
    );
  }
  if (!check.ok) {
    throw new DomainError(
      'STREET_NOT_IN_DISTRICT',
      `Street ${input.streetCode} is not in district ${input.districtCode}: pick a street of that district from GET /divisions`,
      [{ field: 'streetCode', message: 'not a street of districtCode' }],
    );
  }
  return { district: check.district.name, street: check.street.name, districtCode: check.district.code, streetCode: check.street.code };
}
