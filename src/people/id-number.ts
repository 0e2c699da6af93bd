/**
 * Resident ID numbers (居民身份证号), GB 11643-1999: 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and a check character by ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_character';

/** Returns what is wrong with an ID number, or null when it is valid. */
export function idNumberProblem(id: string): IdNumberProblem | null {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return 'format';
  const birth = birthDateOf(id);
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') return 'birth_date';
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return 'check_character';
  return null;
}

/** The birth date an ID number encodes, as YYYY-MM-DD. */
export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The gender an ID number encodes: the 17th digit is odd for men. */
export function genderOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/**
 * Shows the last four characters only: **************123X. The area prefix is not shown: with the
 * district and the birth date beside it, an area prefix rebuilt the whole number (issue 14).
 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;
}

/** Shows no character: for a response that carries the birth date, which with the last four rebuilds the number. */
export function hideIdNumber(id: string): string {
  return '*'.repeat(id.length);
}

/** Builds a valid ID number (demo data and test builders). */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
