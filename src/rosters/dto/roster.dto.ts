import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CLOCK_PATTERN } from '../../common/shanghai-time.js';
import { IsDateOrInstant, IsIsoDate, IsIsoInstant } from '../../common/http/validators.js';

export class CreateShiftDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() caregiverId: string;
  @ApiProperty({ example: '2026-12-01T08:00:00+08:00', description: 'ISO 8601 with offset; not in the past' })
  @IsIsoInstant()
  start: string;
  @ApiProperty({ example: '2026-12-01T16:00:00+08:00', description: 'After start, at most 12 hours later' }) @IsIsoInstant() end: string;
}

export class ShiftDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caregiverId: string;
  @ApiProperty() caregiverName: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ example: '2026-12-01T08:00:00+08:00' }) start: string;
  @ApiProperty({ example: '2026-12-01T16:00:00+08:00' }) end: string;
  @ApiProperty({ example: 480 }) minutes: number;
  @ApiProperty({ enum: ['manual', 'template'], description: 'manual: added by staff; template: applied from the weekly template' }) source:
    'manual' | 'template';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) templateId: string | null;
}

export class RosterQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'First date (Asia/Shanghai); default today' })
  @IsOptional()
  @IsIsoDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-07', description: 'Last date, included; default six days after from; at most 62 days in all' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class LeaveDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caregiverId: string;
  @ApiProperty() caregiverName: string;
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' }) from: string;
  @ApiProperty({ example: '2026-12-04T00:00:00+08:00', description: 'Exclusive end' }) to: string;
  @ApiProperty() reason: string;
}

export class RosterDto {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiProperty({ example: '2026-12-07' }) to: string;
  @ApiProperty({ type: [ShiftDto] }) shifts: ShiftDto[];
  @ApiProperty({ type: [LeaveDto], description: 'Leave of the facility’s caregivers in the period' }) leaves: LeaveDto[];
}

export class TemplateEntryInput {
  @ApiProperty({ format: 'uuid' }) @IsUUID() caregiverId: string;
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ example: '08:00' }) @IsString() @Matches(CLOCK_PATTERN, { message: 'start must be a time like 08:00' }) start: string;
  @ApiProperty({ example: '16:00', description: 'After start on the same day, at most 12 hours later' })
  @IsString()
  @Matches(CLOCK_PATTERN, { message: 'end must be a time like 16:00' })
  end: string;
}

export class ReplaceTemplateDto {
  @ApiProperty({ type: [TemplateEntryInput], description: 'The whole weekly pattern; it replaces the facility’s template' })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => TemplateEntryInput)
  entries: TemplateEntryInput[];
}

export class TemplateEntryDto extends TemplateEntryInput {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class RosterTemplateDto {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ type: [TemplateEntryDto] }) entries: TemplateEntryDto[];
}

export class CreateLeaveDto {
  @ApiProperty({ example: '2026-12-01', description: 'A date (from its start, Asia/Shanghai) or a time with offset' })
  @IsDateOrInstant()
  from: string;
  @ApiProperty({ example: '2026-12-03', description: 'A date (to its end, included) or a time with offset (excluded)' })
  @IsDateOrInstant()
  to: string;
  @ApiProperty({ example: '病假' }) @IsString() @Length(1, 200) reason: string;
}

export class LeaveCreatedDto extends LeaveDto {
  @ApiProperty({ description: 'Shifts wholly inside the leave, removed' }) shiftsRemoved: number;
  @ApiProperty({ description: 'Shifts partly inside the leave, cut back to the time outside it' }) shiftsTrimmed: number;
}
