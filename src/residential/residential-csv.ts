import { toCsv, type CsvColumn } from '../reports/csv.js';
import type {
  AttendanceReportDto,
  AttendanceRowDto,
  InstitutionalCareReportDto,
  InstitutionalCareRowDto,
  OccupancyReportDto,
  OccupancyRowDto,
} from './dto/residential-reports.dto.js';

/** The residential reports as CSV: the same field names and figures as their JSON rows. */
function columns<T>(fields: (keyof T & string)[]): CsvColumn<T>[] {
  return fields.map((f) => ({ header: f, value: (row: T) => row[f] as string | number | null }));
}

export function occupancyCsv(report: OccupancyReportDto): string {
  return toCsv(
    columns<OccupancyRowDto>([
      'key',
      'label',
      'beds',
      'bedDays',
      'occupiedBedDays',
      'occupancyRate',
      'admissions',
      'discharges',
      'averageStayDays',
      'averageWaitDays',
      'waiting',
    ]),
    report.rows,
  );
}

export function institutionalCareCsv(report: InstitutionalCareReportDto): string {
  return toCsv(columns<InstitutionalCareRowDto>(['district', 'tekunResidents', 'inHome', 'rate']), [...report.rows, report.total]);
}

export function attendanceCsv(report: AttendanceReportDto): string {
  return toCsv(columns<AttendanceRowDto>(['key', 'label', 'places', 'enrolled', 'attended', 'attendanceRate']), report.rows);
}
