import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDateOrInstant } from '../../common/http/validators.js';
import { PageQuery } from '../../common/http/pagination.js';
import { CARE_TYPES, type CareType } from '../waiting-order.js';

export const ADMISSION_STATUSES = ['waiting', 'admitted', 'discharged'] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];
export const DISCHARGE_REASONS = ['home', 'hospital', 'death', 'transfer_out', 'other'] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export class CreateAdmissionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() residentId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() facilityId: string;
  @ApiProperty({ enum: CARE_TYPES }) @IsIn(CARE_TYPES) careType: CareType;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A free bed of this care type; without it the first suitable free bed, or the waiting list',
  })
  @IsOptional()
  @IsUUID()
  bedId?: string;
  @ApiProperty({ example: '2026-12-01', description: 'Date or time of admission: at most a year back, at most 90 days ahead' })
  @IsDateOrInstant()
  from: string;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 4,
    description: 'Assessed care level (GB/T 42195-2022); default the resident’s registered level',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4)
  careLevel?: number;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid', description: 'A free bed of the same facility' }) @IsUUID() bedId: string;
  @ApiProperty({ example: '2026-12-10', description: 'Date or time of the move' }) @IsDateOrInstant() at: string;
}

export class DischargeDto {
  @ApiProperty({ example: '2026-12-20', description: 'Date or time the resident left (退住)' }) @IsDateOrInstant() at: string;
  @ApiProperty({ enum: DISCHARGE_REASONS }) @IsIn(DISCHARGE_REASONS) reason: DischargeReason;
}

export class AdmissionQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() facilityId?: string;
  @ApiPropertyOptional({ enum: ADMISSION_STATUSES }) @IsOptional() @IsIn(ADMISSION_STATUSES) status?: AdmissionStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for seniors and families' }) @IsOptional() @IsUUID() residentId?: string;
}

export class AdmissionEventDto {
  @ApiProperty({ enum: ['applied', 'admitted', 'transferred', 'discharged'] }) event: string;
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' }) at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) bedId: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who recorded it' }) byUserId: string | null;
}

export class AdmissionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ enum: CARE_TYPES }) careType: CareType;
  @ApiProperty({ minimum: 0, maximum: 4 }) careLevel: number;
  @ApiProperty({ enum: ADMISSION_STATUSES }) status: AdmissionStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The bed now, or the last bed once discharged' }) bedId:
    string | null;
  @ApiProperty({ nullable: true, type: String }) bedCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Admitted from (null while waiting)' }) from: string | null;
  @ApiProperty({ description: 'Applied, or joined the waiting list' }) waitingSince: string;
  @ApiProperty({ nullable: true, type: String }) dischargedAt: string | null;
  @ApiProperty({ enum: DISCHARGE_REASONS, nullable: true }) dischargeReason: DischargeReason | null;
  @ApiProperty({ type: [AdmissionEventDto] }) history: AdmissionEventDto[];
}

export class AdmissionPageDto {
  @ApiProperty({ type: [AdmissionDto] }) items: AdmissionDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class WaitingEntryDto {
  @ApiProperty({ minimum: 1 }) position: number;
  @ApiProperty({ format: 'uuid' }) admissionId: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ enum: CARE_TYPES }) careType: CareType;
  @ApiProperty() careLevel: number;
  @ApiProperty({ enum: ['none', 'tekun', 'dibao', 'dibao_edge'] }) subsidyCategory: string;
  @ApiProperty() waitingSince: string;
  @ApiProperty({ description: 'Whole days on the list so far' }) waitingDays: number;
}
