import { allowed } from '../common/access/access-rules.js';
import type { Actor } from '../common/auth/roles.js';
import { locationOf } from '../network/dto/location.dto.js';
import type { ResidentDto } from './dto/resident.dto.js';
import { hideIdNumber, maskIdNumber } from './id-number.js';
import type { Resident } from './resident.entity.js';
import { ageOn, todayInShanghai } from './resident-rules.js';

/**
 * How much of a resident's identity a response shows. `record`: the birth date, for the staff of
 * the resident's facility and admin on a single resident (registration, corrections); the ID
 * number is then shown as stars only. `card`: everyone else and every list: the age instead of
 * the birth date and the last four characters of the ID number. Either way a response gives at
 * most the last four characters: the birth date (characters 7-14) and the last four together
 * with the district would rebuild all eighteen.
 */
export type ResidentView = 'record' | 'card';

/** The view a caller gets of one resident: the record for the staff of its facility and admin, else the card. */
export function residentViewFor(actor: Actor, homeFacilityId: string): ResidentView {
  return allowed(actor, 'resident.record', { facilityId: homeFacilityId, homeFacilityId }) ? 'record' : 'card';
}

/** The resident as the API shows it: the ID number masked, the age worked out for today. */
export function toResidentDto(r: Resident, view: ResidentView = 'card', today: string = todayInShanghai()): ResidentDto {
  return {
    id: r.id,
    name: r.name,
    idNumber: view === 'record' ? hideIdNumber(r.idNumber) : maskIdNumber(r.idNumber),
    birthDate: view === 'record' ? r.birthDate : null,
    age: ageOn(r.birthDate, today),
    gender: r.gender,
    phone: r.phone,
    address: r.address,
    location: locationOf(r.lat, r.lng),
    district: r.district,
    street: r.street,
    districtCode: r.districtCode,
    streetCode: r.streetCode,
    careLevel: r.careLevel,
    subsidyCategory: r.subsidyCategory,
    dietaryNeeds: r.dietaryNeeds,
    homeFacilityId: r.homeFacilityId,
  };
}
