import { describe, expect, it } from '@jest/globals';
import type { CoverageReportDto, SubsidyReportDto } from './dto/report.dto.js';
import { coverageCsv, coverageInDistrict, percentOf, subsidiesCsv, yuanOf } from './report-csv.js';

const figures = {
  residents: 2,
  served: 1,
  unserved: 1,
  entitledResidents: 2,
  entitledUnserved: 1,
  entitledMinutes: 600,
  receivedMinutes: 60,
  shortfall: 540,
};
const coverage: CoverageReportDto = {
  month: '2026-12',
  groups: [{ group: 'dibao', groupLabel: '低保', ...figures, residents: 3, served: 1, unserved: 2 }],
  rows: [
    { group: 'dibao', groupLabel: '低保', district: '北湖区', street: '人民路街道', ...figures },
    { group: 'dibao', groupLabel: '低保', district: '苏仙区', street: '苏仙岭街道', ...figures, residents: 1, served: 0, unserved: 1 },
  ],
};
const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

describe('report CSV for people', () => {
  it('writes 元 with two decimals and rates in per cent, blank when unknown', () => {
    expect(yuanOf(8790)).toBe('87.90');
    expect(yuanOf(null)).toBe('');
    expect(percentOf(0.4375)).toBe('43.8');
    expect(percentOf(null)).toBe('');
  });

  it('heads the coverage table in Chinese and keeps one district with its own totals', () => {
    const all = lines(coverageCsv(coverage));
    expect(all[0]).toBe('人群,区县,街道/乡镇,人数,本月已服务,本月未服务,应保对象,应保未保,应得服务分钟,已得服务分钟,欠服务分钟');
    expect(all).toContain('低保,合计,,3,1,2,2,1,600,60,540');
    const beihu = lines(coverageCsv(coverage, '北湖区'));
    expect(beihu).toContain('低保,北湖区,人民路街道,2,1,1,2,1,600,60,540');
    expect(beihu.some((l) => l.includes('苏仙'))).toBe(false);
    expect(beihu).toContain('低保,北湖区合计,,2,1,1,2,1,600,60,540');
    expect(coverageInDistrict(coverage, undefined)).toBe(coverage);
  });

  it('writes subsidy amounts in 元 under Chinese headers', () => {
    const report = {
      month: '2026-12',
      totals: { orders: 3, baseFen: 10200, subsidyFen: 8790, copayFen: 1410, fundingFen: 8790 },
      byFundingSource: [{ key: 'gov_purchase', orders: 2, amountFen: 8790 }],
      byCategory: [],
      byService: [],
      byFacility: [],
      residential: {
        totals: { key: 'total', residents: 2, baseFen: 360000, subsidyFen: 260000, copayFen: 100000 },
        byFundingSource: [{ key: 'tekun_support', residents: 1, amountFen: 260000 }],
        byCategory: [],
        byFacility: [],
      },
    } as unknown as SubsidyReportDto;
    const csv = lines(subsidiesCsv(report));
    expect(csv[0]).toBe('维度,编号,名称,单数,总价(元),补贴(元),个人支付(元),资金金额(元),入住人数');
    expect(csv).toContain('合计,2026-12,,3,102.00,87.90,14.10,87.90,');
    expect(csv).toContain('资金来源,gov_purchase,,2,,,,87.90,');
    expect(csv).toContain('机构养老合计,2026-12,,0,3600.00,2600.00,1000.00,,2');
    expect(csv).toContain('机构养老资金来源,tekun_support,,0,,,,2600.00,1');
  });
});
