import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CARE_TYPES, type CareType } from '../waiting-order.js';

export class StatementQuery {
  @ApiProperty({ example: '2026-12', description: 'A month, Asia/Shanghai' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month like 2026-12' })
  month: string;
}

export class FundingDto {
  @ApiProperty({ example: 'tekun_support' }) source: string;
  @ApiProperty() amountFen: number;
}

export class StatementLineDto {
  @ApiProperty({ format: 'uuid' }) admissionId: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ format: 'uuid' }) bedId: string;
  @ApiProperty() bedCode: string;
  @ApiProperty({ enum: CARE_TYPES }) careType: CareType;
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' }) from: string;
  @ApiProperty({ example: '2027-01-01T00:00:00+08:00', description: 'Exclusive end, within the month' }) to: string;
  @ApiProperty({ example: 31, description: 'Days of the month in this bed (to one decimal)' }) days: number;
  @ApiProperty({ description: 'The monthly rate of the care type' }) monthlyFen: number;
  @ApiProperty({ description: 'The rate pro rata for the days held' }) baseFen: number;
}

export class StatementDto {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ type: [StatementLineDto], description: 'One line per bed held in the month' }) lines: StatementLineDto[];
  @ApiProperty({ description: 'The residential charge of the month' }) baseFen: number;
  @ApiProperty({ description: 'Paid by subsidies (extreme hardship: all of it)' }) subsidyFen: number;
  @ApiProperty({ description: 'What the resident or family pays' }) copayFen: number;
  @ApiProperty({ type: [FundingDto] }) funding: FundingDto[];
}
