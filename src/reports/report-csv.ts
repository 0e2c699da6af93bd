import { toCsv, type CsvColumn } from './csv.js';
import type {
  CoverageReportDto,
  CoverageRowDto,
  FacilityComparisonDto,
  FacilityComparisonRowDto,
  SubsidyReportDto,
  UtilisationReportDto,
  UtilisationRowDto,
} from './dto/report.dto.js';

/**
 * Each report as one CSV table for people (an official opens it in a spreadsheet): Chinese column
 * headers, amounts in 元 with two decimals, rates in per cent. Machines read the JSON, which keeps
 * the field names, fen and ratios.
 */
type Cell = string | number | null | undefined;
const col = <T>(header: string, value: (row: T) => Cell): CsvColumn<T> => ({ header, value });

/** Fen as 元 with two decimals ("87.90"); empty when absent. */
export const yuanOf = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '' : (fen / 100).toFixed(2));
/** A ratio as per cent with one decimal ("43.8"); empty when there is nothing to divide by. */
export const percentOf = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined ? '' : (Math.round(ratio * 1000) / 10).toFixed(1);

/** The booking counts utilisation and the facility comparison both show, in this order. */
type BookingCounts = Pick<UtilisationRowDto, 'capacity' | 'booked' | 'completed' | 'cancelled' | 'noShow' | 'missed'>;
const bookingColumns = <T extends BookingCounts>(): CsvColumn<T>[] => [
  col('名额', (r) => r.capacity),
  col('预约', (r) => r.booked),
  col('完成', (r) => r.completed),
  col('取消', (r) => r.cancelled),
  col('老人不在', (r) => r.noShow),
  col('护理员未到', (r) => r.missed),
];

/** The fill rate and caregiver time both show, in this order. */
type Rates = Pick<UtilisationRowDto, 'fillRate' | 'rosteredMinutes' | 'assignedMinutes' | 'caregiverUtilisation'>;
const rateColumns = <T extends Rates>(): CsvColumn<T>[] => [
  col('满员率(%)', (r) => percentOf(r.fillRate)),
  col('排班分钟', (r) => r.rosteredMinutes),
  col('派单分钟', (r) => r.assignedMinutes),
  col('护理员工时利用率(%)', (r) => percentOf(r.caregiverUtilisation)),
];

export function utilisationCsv(report: UtilisationReportDto): string {
  return toCsv<UtilisationRowDto>(
    [
      col('编号/日期', (r) => r.key),
      col('名称', (r) => r.label),
      ...bookingColumns<UtilisationRowDto>(),
      col('候补中', (r) => r.waitlisted),
      ...rateColumns<UtilisationRowDto>(),
      col('未满足需求(单)', (r) => r.refusedDemand),
      col('等待时间中位数(小时)', (r) => r.medianWaitHours),
    ],
    report.rows,
  );
}

/** Coverage of one district only (rows and its own totals per group), or the whole city. */
export function coverageInDistrict(report: CoverageReportDto, district?: string): CoverageReportDto {
  if (!district) return report;
  const rows = report.rows.filter((r) => r.district === district);
  const groups = report.groups.map((g) => {
    const mine = rows.filter((r) => r.group === g.group);
    const sum = (
      k:
        | 'residents'
        | 'served'
        | 'unserved'
        | 'entitledResidents'
        | 'entitledUnserved'
        | 'entitledMinutes'
        | 'receivedMinutes'
        | 'shortfall',
    ) => mine.reduce((n, r) => n + r[k], 0);
    return {
      group: g.group,
      groupLabel: g.groupLabel,
      residents: sum('residents'),
      served: sum('served'),
      unserved: sum('unserved'),
      entitledResidents: sum('entitledResidents'),
      entitledUnserved: sum('entitledUnserved'),
      entitledMinutes: sum('entitledMinutes'),
      receivedMinutes: sum('receivedMinutes'),
      shortfall: sum('shortfall'),
    };
  });
  return { ...report, rows, groups };
}

export function coverageCsv(report: CoverageReportDto, district?: string): string {
  const scoped = coverageInDistrict(report, district);
  const totals: CoverageRowDto[] = scoped.groups.map((g) => ({ ...g, district: district ? `${district}合计` : '合计', street: '' }));
  return toCsv<CoverageRowDto>(
    [
      col('人群', (r) => r.groupLabel),
      col('区县', (r) => r.district),
      col('街道/乡镇', (r) => r.street),
      col('人数', (r) => r.residents),
      col('本月已服务', (r) => r.served),
      col('本月未服务', (r) => r.unserved),
      col('应保对象', (r) => r.entitledResidents),
      col('应保未保', (r) => r.entitledUnserved),
      col('应得服务分钟', (r) => r.entitledMinutes),
      col('已得服务分钟', (r) => r.receivedMinutes),
      col('欠服务分钟', (r) => r.shortfall),
    ],
    [...scoped.rows, ...totals],
  );
}

interface SpendLine {
  dimension: string;
  key: string;
  label?: string;
  orders: number;
  baseFen?: number;
  subsidyFen?: number;
  copayFen?: number;
  amountFen?: number;
  residents?: number;
}

const DIMENSION_ZH: Record<string, string> = {
  total: '合计',
  funding_source: '资金来源',
  subsidy_category: '补贴类别',
  service: '服务',
  facility: '机构',
  residential_total: '机构养老合计',
  residential_funding_source: '机构养老资金来源',
  residential_subsidy_category: '机构养老补贴类别',
  residential_facility: '机构养老机构',
};

export function subsidiesCsv(report: SubsidyReportDto): string {
  const lines: SpendLine[] = [
    { dimension: 'total', key: report.month, ...report.totals, amountFen: report.totals.fundingFen },
    ...report.byFundingSource.map((f) => ({ dimension: 'funding_source', ...f })),
    ...report.byCategory.map((r) => ({ dimension: 'subsidy_category', ...r })),
    ...report.byService.map((r) => ({ dimension: 'service', ...r })),
    ...report.byFacility.map((r) => ({ dimension: 'facility', ...r })),
    { dimension: 'residential_total', orders: 0, ...report.residential.totals, key: report.month },
    ...report.residential.byFundingSource.map((f) => ({ dimension: 'residential_funding_source', orders: 0, ...f })),
    ...report.residential.byCategory.map((r) => ({ dimension: 'residential_subsidy_category', orders: 0, ...r })),
    ...report.residential.byFacility.map((r) => ({ dimension: 'residential_facility', orders: 0, ...r })),
  ];
  return toCsv<SpendLine>(
    [
      col('维度', (l) => DIMENSION_ZH[l.dimension] ?? l.dimension),
      col('编号', (l) => l.key),
      col('名称', (l) => l.label),
      col('单数', (l) => l.orders),
      col('总价(元)', (l) => yuanOf(l.baseFen)),
      col('补贴(元)', (l) => yuanOf(l.subsidyFen)),
      col('个人支付(元)', (l) => yuanOf(l.copayFen)),
      col('资金金额(元)', (l) => yuanOf(l.amountFen)),
      col('入住人数', (l) => l.residents),
    ],
    lines,
  );
}

const FLAG_ZH: Record<string, string> = { over_used: '过满', under_used: '闲置', normal: '正常', no_capacity: '无名额数据' };

export function facilitiesCsv(report: FacilityComparisonDto): string {
  return toCsv<FacilityComparisonRowDto>(
    [
      col('排名', (r) => r.rank),
      col('编号', (r) => r.code),
      col('名称', (r) => r.name),
      col('类型', (r) => r.type),
      col('区县', (r) => r.district),
      col('街道/乡镇', (r) => r.street),
      ...bookingColumns<FacilityComparisonRowDto>(),
      col('未满足需求(单)', (r) => r.refusedDemand),
      ...rateColumns<FacilityComparisonRowDto>(),
      col('提示', (r) => FLAG_ZH[r.flag] ?? r.flag),
      col('机构ID', (r) => r.facilityId),
    ],
    report.rows,
  );
}
