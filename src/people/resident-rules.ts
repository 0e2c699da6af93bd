import { birthDateOf, genderOf } from './id-number.js';
import type { Gender } from './resident.entity.js';

/** Today's date in Asia/Shanghai (UTC+8 all year), as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole years from a birth date to a day; someone born on 29 February ages on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Whether a YYYY-MM-DD string names a real calendar day. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export interface IdentityMismatch {
  code: 'BIRTH_DATE_MISMATCH' | 'GENDER_MISMATCH';
  field: 'birthDate' | 'gender';
  message: string;
}

/** Where the stated birth date and gender disagree with what a (valid) ID number encodes. */
export function identityMismatches(idNumber: string, birthDate: string, gender: Gender): IdentityMismatch[] {
  const problems: IdentityMismatch[] = [];
  const encodedBirth = birthDateOf(idNumber);
  if (birthDate !== encodedBirth) {
    problems.push({
      code: 'BIRTH_DATE_MISMATCH',
      field: 'birthDate',
      message: `birthDate must be ${encodedBirth}, the date in the ID number: correct whichever is wrong`,
    });
  }
  const encodedGender = genderOf(idNumber);
  if (gender !== encodedGender) {
    problems.push({
      code: 'GENDER_MISMATCH',
      field: 'gender',
      message: `gender must be ${encodedGender}, as the ID number's 17th digit says: correct whichever is wrong`,
    });
  }
  return problems;
}
