import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsIsoDate, IsIsoInstant } from '../../common/http/validators.js';

export class SetDayPlacesDto {
  @ApiProperty({ minimum: 0, maximum: 10000, description: 'Places on each day the site opens' })
  @IsInt()
  @Min(0)
  @Max(10000)
  places: number;
}

export class WeekdayPlacesDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }) weekday: number;
  @ApiProperty() places: number;
  @ApiProperty() enrolled: number;
}

export class DayPlacesDto {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() places: number;
  @ApiProperty({ type: [WeekdayPlacesDto] }) weekdays: WeekdayPlacesDto[];
}

export class CreateEnrolmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() residentId: string;
  @ApiProperty({ type: [Number], example: [1, 3, 5], description: 'Days the senior comes: 1 = Monday … 7 = Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];
}

export class EnrolmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ type: [Number] }) weekdays: number[];
  @ApiProperty() active: boolean;
}

export class RecordAttendanceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The senior, when staff record by name; or give visitCode' })
  @IsOptional()
  @IsUUID()
  residentId?: string;
  @ApiPropertyOptional({ example: '042917', description: 'The day’s code on the senior’s service card, shown at the door' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'visitCode must be the 6 digits on the service card' })
  visitCode?: string;
  @ApiProperty({ example: '2026-12-01', description: 'Today or up to 31 days back' }) @IsIsoDate() date: string;
  @ApiPropertyOptional({ example: '2026-12-01T08:40:00+08:00', description: 'Default now, for today, when neither time is given' })
  @IsOptional()
  @IsIsoInstant()
  arrivedAt?: string;
  @ApiPropertyOptional({ example: '2026-12-01T16:30:00+08:00' }) @IsOptional() @IsIsoInstant() leftAt?: string;
}

export class AttendanceQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Default today (Asia/Shanghai)' }) @IsOptional() @IsIsoDate() date?: string;
}

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ nullable: true, type: String }) arrivedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) leftAt: string | null;
  @ApiProperty({ enum: ['staff', 'card'] }) method: string;
}

export class AbsentEntryDto {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
}

export class AttendanceDayDto {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ description: 'Day places of that weekday' }) places: number;
  @ApiProperty({ description: 'Seniors enrolled for that weekday' }) enrolled: number;
  @ApiProperty() attended: number;
  @ApiProperty({ type: [AttendanceEntryDto] }) present: AttendanceEntryDto[];
  @ApiProperty({ type: [AbsentEntryDto], description: 'Enrolled for the weekday and not recorded' }) absent: AbsentEntryDto[];
}
