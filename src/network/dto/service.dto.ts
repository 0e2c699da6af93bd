import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_CATEGORIES, type ServiceCategory, type ServicePlace } from '../service.entity.js';

/** One entry of the service catalogue. */
export class ServiceDto {
  @ApiProperty({ example: 'cleaning.home' }) code: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category: ServiceCategory;
  @ApiProperty({ example: '助洁·居家清洁' }) nameZh: string;
  @ApiProperty({ example: 'Cleaning at home' }) nameEn: string;
  @ApiProperty({ enum: ['facility', 'home'], description: 'Where it is delivered' }) place: ServicePlace;
  @ApiProperty({ example: 90 }) durationMinutes: number;
  @ApiProperty({ enum: SERVICE_CATEGORIES, description: 'The caregiver skill it needs' }) requiredSkill: ServiceCategory;
  @ApiProperty({ example: 4500, description: 'Base price in fen, before subsidies' }) basePriceFen: number;
  @ApiProperty({
    example: 5,
    minimum: 1,
    maximum: 5,
    description: 'Least qualified caregiver level that may deliver it (1 highest, 5 lowest)',
  })
  minCaregiverLevel: number;
}
