import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { CARE_TYPES, type CareType } from '../waiting-order.js';

export const BED_STATUSES = ['free', 'occupied', 'reserved', 'out_of_service'] as const;
export type BedStatus = (typeof BED_STATUSES)[number];
/** What staff may set by hand: occupied follows admissions only. */
export const SETTABLE_BED_STATUSES = ['free', 'reserved', 'out_of_service'] as const;

export class CreateBedDto {
  @ApiProperty({ example: '101-1', maxLength: 20 }) @IsString() @Length(1, 20) code: string;
  @ApiProperty({ example: '101', maxLength: 20 }) @IsString() @Length(1, 20) room: string;
  @ApiProperty({ enum: CARE_TYPES }) @IsIn(CARE_TYPES) careType: CareType;
}

export class UpdateBedDto {
  @ApiProperty({ enum: SETTABLE_BED_STATUSES, description: 'occupied follows admissions and cannot be set by hand' })
  @IsIn(SETTABLE_BED_STATUSES)
  status: (typeof SETTABLE_BED_STATUSES)[number];
}

export class BedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ example: '101-1' }) code: string;
  @ApiProperty({ example: '101' }) room: string;
  @ApiProperty({ enum: CARE_TYPES }) careType: CareType;
  @ApiProperty({
    enum: BED_STATUSES,
    description: 'occupied: a resident lives in it now; reserved: set by staff, or an admission starts later',
  })
  status: BedStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'The resident in the bed now' }) residentId?: string;
  @ApiPropertyOptional({ description: 'The resident’s name, for the bed board' }) residentName?: string;
}
