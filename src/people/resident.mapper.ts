import { locationOf } from '../network/dto/location.dto.js';
import type { ResidentDto } from './dto/resident.dto.js';
import { maskIdNumber } from './id-number.js';
import type { Resident } from './resident.entity.js';
import { ageOn, todayInShanghai } from './resident-rules.js';

/** The resident as the API shows it: the ID number masked, the age worked out for today. */
export function toResidentDto(r: Resident, today: string = todayInShanghai()): ResidentDto {
  return {
    id: r.id,
    name: r.name,
    idNumber: maskIdNumber(r.idNumber),
    birthDate: r.birthDate,
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

/** What the audit trail keeps of a resident (the audit masks idNumber itself). */
export function residentSnapshot(r: Resident): object {
  const { createdAt: _c, updatedAt: _u, ...columns } = r;
  return { ...columns };
}
