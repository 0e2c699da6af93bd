import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { IsIsoDate } from '../../common/http/validators.js';
import { FormatQuery } from '../../reports/dto/report-query.dto.js';
import { MONTH_PATTERN } from '../../reports/report-period.js';
import { OCCUPANCY_GROUP_BYS, type OccupancyGroupBy } from '../occupancy-figures.js';

export const ATTENDANCE_GROUP_BYS = ['facility', 'district', 'day'] as const;
export type AttendanceGroupBy = (typeof ATTENDANCE_GROUP_BYS)[number];

export class OccupancyQuery extends FormatQuery {
  @ApiProperty({ example: '2026-12-01', description: 'First day (Asia/Shanghai), inclusive' }) @IsIsoDate() from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Last day, inclusive; at most 400 days after from' }) @IsIsoDate() to: string;
  @ApiProperty({ enum: OCCUPANCY_GROUP_BYS })
  @IsIn(OCCUPANCY_GROUP_BYS, { message: `groupBy must be one of ${OCCUPANCY_GROUP_BYS.join(', ')}` })
  groupBy: OccupancyGroupBy;
}

export class AttendanceReportQuery extends FormatQuery {
  @ApiProperty({ example: '2026-12-01' }) @IsIsoDate() from: string;
  @ApiProperty({ example: '2026-12-31' }) @IsIsoDate() to: string;
  @ApiProperty({ enum: ATTENDANCE_GROUP_BYS })
  @IsIn(ATTENDANCE_GROUP_BYS, { message: `groupBy must be one of ${ATTENDANCE_GROUP_BYS.join(', ')}` })
  groupBy: AttendanceGroupBy;
}

export class InstitutionalCareQuery extends FormatQuery {
  @ApiProperty({ example: '2026-12' }) @Matches(MONTH_PATTERN, { message: 'month must be a month like 2026-12' }) month: string;
}

export class OccupancyRowDto {
  @ApiProperty({ description: 'Facility id, district, or month (YYYY-MM)' }) key: string;
  @ApiPropertyOptional({ description: 'The facility’s name' }) label?: string;
  @ApiProperty({ description: 'Beds at the end of the period (of the month, by month)' }) beds: number;
  @ApiProperty({ description: 'Available bed-days: beds × days (days up to today: later ones are not known yet)' }) bedDays: number;
  @ApiProperty({ description: 'Days beds were held, to two decimals' }) occupiedBedDays: number;
  @ApiProperty({ nullable: true, type: Number, description: 'occupiedBedDays / bedDays (床位利用率)' }) occupancyRate: number | null;
  @ApiProperty() admissions: number;
  @ApiProperty() discharges: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Average stay of those discharged in the period' }) averageStayDays:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Average wait of those admitted from the waiting list in the period' })
  averageWaitDays: number | null;
  @ApiProperty({ description: 'On the waiting list at the end' }) waiting: number;
}

export class OccupancyReportDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: OCCUPANCY_GROUP_BYS }) groupBy: string;
  @ApiProperty({ type: [OccupancyRowDto] }) rows: OccupancyRowDto[];
}

export class InstitutionalCareRowDto {
  @ApiProperty({ example: '北湖区' }) district: string;
  @ApiProperty({ description: 'Extreme-hardship (特困) residents registered in the district' }) tekunResidents: number;
  @ApiProperty({ description: 'Of whom in a home at the end of the month (集中供养)' }) inHome: number;
  @ApiProperty({ nullable: true, type: Number, description: 'inHome / tekunResidents (集中供养率)' }) rate: number | null;
}

export class InstitutionalCareReportDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ type: [InstitutionalCareRowDto] }) rows: InstitutionalCareRowDto[];
  @ApiProperty({ type: InstitutionalCareRowDto, description: 'The whole city (or the district asked for)' }) total: InstitutionalCareRowDto;
}

export class AttendanceRowDto {
  @ApiProperty() key: string;
  @ApiPropertyOptional() label?: string;
  @ApiProperty({ description: 'Place-days: places on each day' }) places: number;
  @ApiProperty({ description: 'Enrolled-days: seniors enrolled for each day' }) enrolled: number;
  @ApiProperty({ description: 'Seniors who came' }) attended: number;
  @ApiProperty({ nullable: true, type: Number, description: 'attended / enrolled' }) attendanceRate: number | null;
}

export class AttendanceReportDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ATTENDANCE_GROUP_BYS }) groupBy: string;
  @ApiProperty({ type: [AttendanceRowDto] }) rows: AttendanceRowDto[];
}
