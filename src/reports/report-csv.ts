import { toCsv, type CsvColumn } from './csv.js';
import type { CoverageReportDto, CoverageRowDto, FacilityComparisonDto, FacilityComparisonRowDto, SubsidyReportDto, UtilisationReportDto, UtilisationRowDto } from './dto/report.dto.js';

/** Each report as one CSV table: the same figures and field names as its JSON rows. */
function columns<T>(fields: (keyof T & string)[]): CsvColumn<T>[] {
  return fields.map((f) => ({ header: f, value: (row: T) => row[f] as string | number | null }));
}

export function utilisationCsv(report: UtilisationReportDto): string {
  return toCsv(
    columns<UtilisationRowDto>([
      'key', 'label', 'capacity', 'booked', 'completed', 'cancelled', 'noShow', 'missed', 'waitlisted', 'fillRate',
      'rosteredMinutes', 'assignedMinutes', 'caregiverUtilisation', 'refusedDemand', 'medianWaitHours',
    ]),
    report.rows,
  );
}

export function coverageCsv(report: CoverageReportDto): string {
  const totals: CoverageRowDto[] = report.groups.map((g) => ({ ...g, district: '合计', street: '' }));
  return toCsv(
    columns<CoverageRowDto>([
      'group', 'groupLabel', 'district', 'street', 'residents', 'served', 'unserved', 'entitledResidents', 'entitledUnserved',
      'entitledMinutes', 'receivedMinutes', 'shortfall',
    ]),
    [...report.rows, ...totals],
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
  return toCsv(columns<SpendLine>(['dimension', 'key', 'label', 'orders', 'baseFen', 'subsidyFen', 'copayFen', 'amountFen', 'residents']), lines);
}

export function facilitiesCsv(report: FacilityComparisonDto): string {
  return toCsv(
    columns<FacilityComparisonRowDto>([
      'rank', 'code', 'name', 'type', 'district', 'street', 'capacity', 'booked', 'completed', 'cancelled', 'noShow', 'missed',
      'refusedDemand', 'fillRate', 'rosteredMinutes', 'assignedMinutes', 'caregiverUtilisation', 'flag', 'facilityId',
    ]),
    report.rows,
  );
}
