import { birthDateOf, checkCharacter, genderOf, idNumberProblem, hideIdNumber, makeIdNumber, maskIdNumber } from './id-number.js';

describe('ID numbers (GB 11643)', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // The standard's own worked example.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X')).toBeNull();
  });

  it('finds a wrong check character, a bad format and an impossible birth date', () => {
    expect(idNumberProblem('110105194912310021')).toBe('check_character');
    expect(idNumberProblem('11010519491231002x')).toBe('format');
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem(makeIdNumber('431002', '1950-02-30', 12))).toBe('birth_date');
  });

  it('reads the birth date and gender it encodes', () => {
    const id = makeIdNumber('431002', '1946-08-09', 13);
    expect(idNumberProblem(id)).toBeNull();
    expect(birthDateOf(id)).toBe('1946-08-09');
    expect(genderOf(id)).toBe('male');
    expect(genderOf(makeIdNumber('431002', '1946-08-09', 14))).toBe('female');
  });

  it('masks all but the last four characters, or all of them', () => {
    expect(maskIdNumber('43100219500315123X')).toBe('**************123X');
    expect(hideIdNumber('43100219500315123X')).toBe('******************');
  });
});
