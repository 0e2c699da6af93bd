import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsIsoDate } from '../../common/http/validators.js';
import { MONTH_PATTERN } from '../report-period.js';

export const GROUP_BYS = ['facility', 'district', 'service', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const FACILITY_TYPES = ['street_centre', 'day_care', 'rural_home'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];
export const FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export class FormatQuery {
  @ApiPropertyOptional({ enum: FORMATS, default: 'json', description: 'csv: text/csv; charset=utf-8 with a BOM and a header row' })
  @IsOptional()
  @IsIn(FORMATS, { message: 'format must be json or csv' })
  format?: ReportFormat;

  @ApiPropertyOptional({
    example: '431024',
    description: 'Only this county-level division: its GB/T 2260 code (GET /divisions) or its name',
  })
  @IsOptional()
  @IsString()
  @Length(2, 20)
  district?: string;
}

export class UtilisationQuery extends FormatQuery {
  @ApiProperty({ example: '2026-12-01', description: 'First business day (Asia/Shanghai), inclusive' }) @IsIsoDate() from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Last business day, inclusive; at most 400 days after from' }) @IsIsoDate() to: string;
  @ApiProperty({ enum: GROUP_BYS, example: 'facility' })
  @IsIn(GROUP_BYS, { message: `groupBy must be one of ${GROUP_BYS.join(', ')}` })
  groupBy: GroupBy;
  @ApiPropertyOptional({ enum: FACILITY_TYPES })
  @IsOptional()
  @IsIn(FACILITY_TYPES, { message: `facilityType must be one of ${FACILITY_TYPES.join(', ')}` })
  facilityType?: FacilityType;
}

export class MonthQuery extends FormatQuery {
  @ApiProperty({ example: '2026-12', description: 'A month, Asia/Shanghai: from its first day 00:00 +08:00' })
  @Matches(MONTH_PATTERN, { message: 'month must be a month like 2026-12' })
  month: string;
}

/** Coverage takes the month and the district filter every report has. */
export class CoverageQuery extends MonthQuery {}

export class FacilitiesQuery extends MonthQuery {
  @ApiPropertyOptional({ enum: FACILITY_TYPES, default: 'street_centre' })
  @IsOptional()
  @IsIn(FACILITY_TYPES, { message: `facilityType must be one of ${FACILITY_TYPES.join(', ')}` })
  facilityType?: FacilityType;
}
