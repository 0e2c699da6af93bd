import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SITTINGS, type Sitting } from '../capacity-rule.js';
import { IsIsoDate } from '../../common/http/validators.js';

export class SetSeatsDto {
  @ApiProperty({ example: 'meal.dine_in' }) @IsString() @Length(1, 64) serviceCode: string;
  @ApiPropertyOptional({ enum: SITTINGS, description: 'Required for meal services, absent for others' })
  @IsOptional()
  @IsIn(SITTINGS)
  sitting?: Sitting;
  @ApiProperty({ minimum: 0, maximum: 10000, example: 40 }) @IsInt() @Min(0) @Max(10000) seats: number;
}

export class SeatsDto {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ enum: SITTINGS, nullable: true, type: String }) sitting: Sitting | null;
  @ApiProperty() seats: number;
}

export class AvailabilityQuery {
  @ApiProperty({ example: 'cleaning.home' }) @IsString() @Length(1, 64) service: string;
  @ApiProperty({ example: '2026-12-01', description: 'A date from today to the end of the booking horizon (Asia/Shanghai)' })
  @IsIsoDate()
  date: string;
}

export class AvailabilitySlotDto {
  @ApiProperty({ format: 'uuid' }) slotId: string;
  @ApiProperty({ example: '2026-12-01T09:00:00+08:00' }) start: string;
  @ApiProperty({ example: '2026-12-01T10:30:00+08:00' }) end: string;
  @ApiProperty() capacity: number;
  @ApiProperty() remaining: number;
}

export class OverCommittedSlotDto {
  @ApiProperty({ format: 'uuid' }) slotId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ enum: SITTINGS, nullable: true, type: String }) sitting: Sitting | null;
  @ApiProperty() start: string;
  @ApiProperty() end: string;
  @ApiProperty({ description: 'What the roster now gives' }) capacity: number;
  @ApiProperty({ description: 'What was booked before the capacity fell' }) booked: number;
  @ApiProperty({ description: 'booked − capacity: bookings without a caregiver or seat' }) over: number;
}
