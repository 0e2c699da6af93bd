import { describe, expect, it } from '@jest/globals';
import { checkPlace, codesOf, DIVISIONS, findDistrict } from './divisions.js';

describe('Chenzhou divisions', () => {
  it('has the 11 county-level divisions and their 162 streets and towns, all under 4310', () => {
    expect(DIVISIONS.map((d) => d.name).sort()).toEqual(
      ['临武县', '嘉禾县', '安仁县', '宜章县', '桂东县', '桂阳县', '汝城县', '永兴县', '苏仙区', '资兴市', '北湖区'].sort(),
    );
    expect(DIVISIONS.reduce((n, d) => n + d.streets.length, 0)).toBe(162);
    for (const d of DIVISIONS) {
      expect(d.code).toMatch(/^4310\d{2}$/);
      for (const s of d.streets) expect(s.code.startsWith(d.code)).toBe(true);
    }
  });

  it('accepts a street of its district and refuses one of another district', () => {
    expect(checkPlace('431002', '431002001')).toEqual({
      ok: true,
      district: { code: '431002', name: '北湖区' },
      street: { code: '431002001', name: '人民路街道' },
    });
    expect(checkPlace('431003', '431002001')).toEqual({ ok: false, reason: 'street_not_in_district' });
    expect(checkPlace('110101', '110101001')).toEqual({ ok: false, reason: 'district_unknown' });
  });

  it('finds districts by code or name and codes by names', () => {
    expect(findDistrict('431081')?.name).toBe('资兴市');
    expect(findDistrict('嘉禾县')?.code).toBe('431024');
    expect(codesOf('北湖区', '人民路街道')).toEqual({ districtCode: '431002', streetCode: '431002001' });
    expect(codesOf('北湖区', '不存在街道')).toEqual({ districtCode: '431002', streetCode: null });
  });
});
