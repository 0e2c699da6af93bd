import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { FACILITY_TYPES, type FacilityType } from '../facility.entity.js';
import { CLOCK_TIME, closesAfterOpening } from '../opening-hours.js';
import { LocationDto } from './location.dto.js';

export class OpeningHoursDto {
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5, 6], description: 'Days open: 1 Monday … 7 Sunday' })
  @IsArray({ message: 'weekdays must be a list of day numbers, 1 (Monday) to 7 (Sunday)' })
  @ArrayMinSize(1, { message: 'weekdays must name at least one day' })
  @ArrayUnique({ message: 'weekdays must not repeat a day' })
  @IsInt({ each: true, message: 'each weekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'each weekday must be from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'each weekday must be from 1 (Monday) to 7 (Sunday)' })
  weekdays: number[];

  @ApiProperty({ example: '07:30', pattern: CLOCK_TIME.source })
  @IsString({ message: 'open must be a time "HH:MM"' })
  @Matches(CLOCK_TIME, { message: 'open must be a 24-hour time "HH:MM", such as 07:30' })
  open: string;

  @ApiProperty({ example: '19:00', pattern: CLOCK_TIME.source, description: 'Later than open, the same day' })
  @IsString({ message: 'close must be a time "HH:MM"' })
  @Matches(CLOCK_TIME, { message: 'close must be a 24-hour time "HH:MM", such as 19:00' })
  @ValidateBy({
    name: 'closesAfterOpening',
    validator: {
      validate: (close, args) => closesAfterOpening((args?.object as OpeningHoursDto).open, close),
      defaultMessage: () => 'close must be later than open (the same day)',
    },
  })
  close: string;
}

const FACILITY_CODE = /^[A-Z0-9-]{2,32}$/;
const FACILITY_PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export class CreateFacilityDto {
  @ApiProperty({ example: 'BH-RMJD', pattern: FACILITY_CODE.source, description: 'Short unique code: capitals, digits and dashes' })
  @IsString({ message: 'code must be text' })
  @Matches(FACILITY_CODE, { message: 'code must be 2 to 32 capital letters, digits or dashes, such as BH-RMJD' })
  code: string;

  @ApiProperty({ example: '北湖区人民路街道综合养老服务中心', maxLength: 100 })
  @IsString({ message: 'name must be text' })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @ApiProperty({ enum: FACILITY_TYPES, example: 'street_centre' })
  @IsIn(FACILITY_TYPES, { message: `type must be one of ${FACILITY_TYPES.join(', ')}` })
  type: FacilityType;

  @ApiProperty({ example: '北湖区', maxLength: 50 })
  @IsString({ message: 'district must be text' })
  @Length(1, 50, { message: 'district must be 1 to 50 characters' })
  district: string;

  @ApiProperty({ example: '人民路街道', maxLength: 50 })
  @IsString({ message: 'street must be text' })
  @Length(1, 50, { message: 'street must be 1 to 50 characters' })
  street: string;

  @ApiPropertyOptional({
    example: '431002',
    description: 'GB/T 2260 district code (GET /divisions); with streetCode, the names follow the codes',
  })
  @IsOptional()
  @Matches(/^4310\d{2}$/, { message: 'districtCode must be a Chenzhou district code like 431002 (GET /divisions)' })
  districtCode?: string;

  @ApiPropertyOptional({
    example: '431002001',
    description: 'GB/T 2260 street or town code, of the district (422 STREET_NOT_IN_DISTRICT otherwise)',
  })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'streetCode must be a 9-digit street code like 431002001 (GET /divisions)' })
  streetCode?: string;

  @ApiProperty({ example: '郴州市北湖区人民西路 12 号', maxLength: 200 })
  @IsString({ message: 'address must be text' })
  @Length(1, 200, { message: 'address must be 1 to 200 characters' })
  address: string;

  @ApiProperty({ type: LocationDto })
  @IsObject({ message: 'location must be an object { lat, lng }' })
  @ValidateNested()
  @Type(() => LocationDto)
  location: LocationDto;

  @ApiProperty({
    type: [String],
    example: ['meal.dine_in', 'meal.delivery', 'cleaning.home'],
    description: 'Service codes from GET /services',
  })
  @IsArray({ message: 'services must be a list of service codes' })
  @ArrayMaxSize(50, { message: 'services must list at most 50 codes' })
  @ArrayUnique({ message: 'services must not repeat a code' })
  @IsString({ each: true, message: 'each service must be a service code from GET /services' })
  @Length(1, 64, { each: true, message: 'each service code must be 1 to 64 characters' })
  services: string[];

  @ApiProperty({ type: OpeningHoursDto })
  @IsObject({ message: 'openingHours must be an object { weekdays, open, close }' })
  @ValidateNested()
  @Type(() => OpeningHoursDto)
  openingHours: OpeningHoursDto;

  @ApiPropertyOptional({ type: String, example: '0735-2222333', nullable: true, description: 'Mobile or landline (0735-2222333)' })
  @IsOptional()
  @IsString({ message: 'phone must be text' })
  @Matches(FACILITY_PHONE, { message: 'phone must be an 11-digit mobile or a landline such as 0735-2222333' })
  phone?: string | null;
}

/** Any subset of the create fields; `services` and `openingHours` replace the old values whole. */
export class UpdateFacilityDto extends PartialType(CreateFacilityDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false takes the facility out of booking without deleting it' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class FacilityQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FACILITY_TYPES })
  @IsOptional()
  @IsIn(FACILITY_TYPES, { message: `type must be one of ${FACILITY_TYPES.join(', ')}` })
  type?: FacilityType;

  @ApiPropertyOptional({ example: '北湖区' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'district must be 1 to 50 characters' })
  district?: string;
}

export class FacilityCapacityDto {
  @ApiProperty({ description: 'Beds registered (GET /facilities/:id/beds)' }) beds: number;
  @ApiProperty({ description: 'Beds with a resident in them now' }) occupiedBeds: number;
  @ApiProperty({ description: 'Day places of the busiest weekday' }) dayPlaces: number;
}

export class FacilityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BH-RMJD' }) code: string;
  @ApiProperty({ example: '北湖区人民路街道综合养老服务中心' }) name: string;
  @ApiProperty({ enum: FACILITY_TYPES }) type: FacilityType;
  @ApiProperty({ example: '北湖区' }) district: string;
  @ApiProperty({ example: '人民路街道' }) street: string;
  @ApiProperty({ type: String, nullable: true, example: '431002', description: 'GB/T 2260; null where the name is not in the register' })
  districtCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '431002001' }) streetCode: string | null;
  @ApiProperty() address: string;
  @ApiProperty({ type: LocationDto }) location: LocationDto;
  @ApiProperty({ type: [String], example: ['meal.dine_in', 'cleaning.home'] }) services: string[];
  @ApiProperty({ type: OpeningHoursDto }) openingHours: OpeningHoursDto;
  @ApiProperty({ type: String, nullable: true, example: '0735-2222333' }) phone: string | null;
  @ApiProperty({ description: 'false: out of service, not bookable' }) active: boolean;
  @ApiProperty({ type: FacilityCapacityDto, description: 'Counted from the facility’s beds and day places' }) capacity: FacilityCapacityDto;
}

export class FacilityPageDto {
  @ApiProperty({ type: [FacilityDto] }) items: FacilityDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
