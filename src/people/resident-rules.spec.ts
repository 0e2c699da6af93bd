import { makeIdNumber } from './id-number.js';
import { ageOn, identityMismatches, isCalendarDate, todayInShanghai } from './resident-rules.js';

describe('resident rules', () => {
  it('counts whole years of age, the day before and on the birthday', () => {
    expect(ageOn('1946-08-09', '2026-08-08')).toBe(79);
    expect(ageOn('1946-08-09', '2026-08-09')).toBe(80);
    expect(ageOn('1948-02-29', '2026-02-28')).toBe(77);
    expect(ageOn('1948-02-29', '2026-03-01')).toBe(78);
  });

  it('takes the date in Shanghai, eight hours ahead of UTC', () => {
    expect(todayInShanghai(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(todayInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('1950-3-1')).toBe(false);
    expect(isCalendarDate(19500301)).toBe(false);
  });

  it('finds a birth date or gender that disagrees with the ID number', () => {
    const id = makeIdNumber('431002', '1946-08-09', 13); // odd sequence: male
    expect(identityMismatches(id, '1946-08-09', 'male')).toEqual([]);
    expect(identityMismatches(id, '1946-08-10', 'male').map((p) => p.code)).toEqual(['BIRTH_DATE_MISMATCH']);
    expect(identityMismatches(id, '1946-08-09', 'female').map((p) => [p.code, p.field])).toEqual([['GENDER_MISMATCH', 'gender']]);
  });
});
