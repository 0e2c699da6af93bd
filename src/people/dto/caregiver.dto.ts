import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { LocationDto } from '../../network/dto/location.dto.js';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../network/service.entity.js';
import { GENDERS, type Gender } from '../resident.entity.js';
import { MOBILE, MOBILE_MESSAGE } from './resident.dto.js';

export class CreateCaregiverDto {
  @ApiProperty({ example: '李春梅', maxLength: 50 })
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1 to 50 characters' })
  name: string;

  @ApiProperty({ format: 'uuid', description: 'The facility the caregiver works for' })
  @IsUUID('all', { message: 'facilityId must be a facility id (a UUID)' })
  facilityId: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS, { message: 'gender must be female or male' })
  gender: Gender;

  @ApiPropertyOptional({ type: String, example: '13807351234', nullable: true })
  @IsOptional()
  @IsString({ message: MOBILE_MESSAGE })
  @Matches(MOBILE, { message: MOBILE_MESSAGE })
  phone?: string | null;

  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true, example: ['meal', 'cleaning'] })
  @IsArray({ message: `skills must be a list of ${SERVICE_CATEGORIES.join(', ')}` })
  @ArrayMinSize(1, { message: 'skills must name at least one skill' })
  @ArrayUnique({ message: 'skills must not repeat a skill' })
  @IsIn(SERVICE_CATEGORIES, { each: true, message: `each skill must be one of ${SERVICE_CATEGORIES.join(', ')}` })
  skills: ServiceCategory[];

  @ApiProperty({ minimum: 1, maximum: 5, example: 4, description: 'Vocational level: 1 (高级技师) most qualified … 5 (初级工)' })
  @IsInt({ message: 'level must be a whole number from 1 to 5' })
  @Min(1, { message: 'level must be from 1 to 5' })
  @Max(5, { message: 'level must be from 1 to 5' })
  level: number;

  @ApiProperty({ type: LocationDto, description: 'Where the caregiver starts the day' })
  @IsObject({ message: 'homeBase must be an object { lat, lng }' })
  @ValidateNested()
  @Type(() => LocationDto)
  homeBase: LocationDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 4200, default: 2400, description: 'Most minutes of work in a week' })
  @IsOptional()
  @IsInt({ message: 'maxWeeklyMinutes must be a whole number of minutes from 0 to 4200' })
  @Min(0, { message: 'maxWeeklyMinutes must be from 0 to 4200' })
  @Max(4200, { message: 'maxWeeklyMinutes must be from 0 to 4200' })
  maxWeeklyMinutes?: number;
}

export class UpdateCaregiverDto extends PartialType(CreateCaregiverDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false: no longer rostered or assigned' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class CaregiverQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Centre staff always get their own facility' })
  @IsOptional()
  @IsUUID('all', { message: 'facilityId must be a facility id (a UUID)' })
  facilityId?: string;

  @ApiPropertyOptional({ enum: SERVICE_CATEGORIES, description: 'Only caregivers with this skill' })
  @IsOptional()
  @IsIn(SERVICE_CATEGORIES, { message: `skill must be one of ${SERVICE_CATEGORIES.join(', ')}` })
  skill?: ServiceCategory;
}

export class CaregiverDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '李春梅' }) name: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true }) skills: ServiceCategory[];
  @ApiProperty({ minimum: 1, maximum: 5 }) level: number;
  @ApiProperty({ type: LocationDto }) homeBase: LocationDto;
  @ApiProperty({ minimum: 0, maximum: 4200 }) maxWeeklyMinutes: number;
  @ApiProperty() active: boolean;
}

export class CaregiverPageDto {
  @ApiProperty({ type: [CaregiverDto] }) items: CaregiverDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
