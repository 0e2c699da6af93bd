import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { OrderDto } from './order.dto.js';
import { IsIsoDate } from '../../common/http/validators.js';

export class CreateSeriesDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') residentId: string;
  @ApiProperty({ example: 'meal.dine_in' })
  @IsString()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'serviceCode must be a code such as meal.dine_in' })
  serviceCode: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') facilityId: string;

  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: '1 = Monday … 7 = Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiProperty({ example: '11:30', description: 'Start time of each occurrence, Asia/Shanghai' })
  @Matches(/^([01]\d|2[0-3]):(00|30)$/, { message: 'time must be HH:MM on the half hour, e.g. 11:30' })
  time: string;

  @ApiProperty({ example: '2026-12-01' }) @IsIsoDate() from: string;
  @ApiProperty({ example: '2027-03-31' }) @IsIsoDate() until: string;
}

export class OccurrenceDto {
  @ApiProperty() date: string;
  @ApiProperty({ enum: ['confirmed', 'waitlisted', 'failed'] }) outcome: 'confirmed' | 'waitlisted' | 'failed';
  @ApiProperty({ nullable: true, type: String }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why an occurrence could not be booked' }) reason: string | null;
}

export class SeriesDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() residentId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty() facilityId: string;
  @ApiProperty({ type: [Number] }) weekdays: number[];
  @ApiProperty() time: string;
  @ApiProperty() from: string;
  @ApiProperty() until: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status: 'active' | 'ended';
  @ApiProperty({ nullable: true, type: String, description: 'Occurrences are booked up to this date' }) materialisedUntil: string | null;
}

export class SeriesResultDto {
  @ApiProperty({ type: SeriesDto }) series: SeriesDto;
  @ApiProperty({ type: [OccurrenceDto], description: 'What this call booked' }) occurrences: OccurrenceDto[];
  @ApiProperty({ type: [OrderDto], description: 'Every order of the series so far' }) orders: OrderDto[];
}
