/**
 * Chenzhou's divisions (GB/T 2260, from the generated chenzhou-divisions.ts): look-ups by code and
 * by name, and the rule that a street or town lies in its district. Pure: no I/O.
 */
import { CHENZHOU_DIVISIONS } from './chenzhou-divisions.js';

export interface Division {
  code: string;
  name: string;
  streets: { code: string; name: string }[];
}

export const DIVISIONS: readonly Division[] = CHENZHOU_DIVISIONS.divisions;

const byCode = new Map(DIVISIONS.map((d) => [d.code, d]));
const byName = new Map(DIVISIONS.map((d) => [d.name, d]));

/** A county-level division by its 6-digit code or its name. */
export function findDistrict(codeOrName: string): Division | undefined {
  return byCode.get(codeOrName) ?? byName.get(codeOrName);
}

export function findStreet(district: Division, codeOrName: string): { code: string; name: string } | undefined {
  return district.streets.find((s) => s.code === codeOrName || s.name === codeOrName);
}

export type PlaceCheck =
  | { ok: true; district: { code: string; name: string }; street: { code: string; name: string } }
  | { ok: false; reason: 'district_unknown' | 'street_not_in_district' };

/** Whether a district code and a street code name a street of that district. */
export function checkPlace(districtCode: string, streetCode: string): PlaceCheck {
  const district = byCode.get(districtCode);
  if (!district) return { ok: false, reason: 'district_unknown' };
  const street = district.streets.find((s) => s.code === streetCode);
  if (!street) return { ok: false, reason: 'street_not_in_district' };
  return { ok: true, district: { code: district.code, name: district.name }, street };
}

/** The codes for a district and street given by name, where they match the register. */
export function codesOf(districtName: string, streetName: string): { districtCode: string | null; streetCode: string | null } {
  const district = byName.get(districtName);
  const street = district && findStreet(district, streetName);
  return { districtCode: district?.code ?? null, streetCode: street?.code ?? null };
}
