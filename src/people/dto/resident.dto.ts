import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { LocationDto } from '../../network/dto/location.dto.js';
import { birthDateOf, idNumberProblem } from '../id-number.js';
import { DIETARY_NEEDS, GENDERS, SUBSIDY_CATEGORIES, type DietaryNeed, type Gender, type SubsidyCategory } from '../resident.entity.js';
import { isCalendarDate, todayInShanghai } from '../resident-rules.js';

export const MOBILE = /^1\d{10}$/;
export const MOBILE_MESSAGE = 'phone must be an 11-digit mobile number starting with 1, such as 13907351234';

function idNumberMessage(value: unknown): string {
  if (typeof value !== 'string') return 'idNumber must be text: the 18-character resident ID number';
  switch (idNumberProblem(value)) {
    case 'format':
      return 'idNumber must be 18 characters: 17 digits and a final digit or X';
    case 'birth_date':
      return 'idNumber encodes an impossible birth date (characters 7 to 14 must be a real date YYYYMMDD): check the number';
    case 'check_character':
      return 'idNumber has a wrong check character (the 18th): check the number for a typo';
    default:
      return 'idNumber encodes a birth date in the future: check the number';
  }
}

/** A resident ID number (GB 11643); says which part is wrong. A lower-case x is accepted as X. */
function IsIdNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'isIdNumber',
    validator: {
      validate: (value) => typeof value === 'string' && idNumberProblem(value) === null && birthDateOf(value) <= todayInShanghai(),
      defaultMessage: (args) => idNumberMessage(args?.value),
    },
  });
}

function IsCalendarDate(field: string): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value) => isCalendarDate(value),
      defaultMessage: () => `${field} must be a real date YYYY-MM-DD, such as 1946-08-09`,
    },
  });
}

const upperTrimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CreateResidentDto {
  @ApiProperty({ example: '王秀英', minLength: 1, maxLength: 50 })
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1 to 50 characters' })
  name: string;

  @ApiProperty({ example: '431002194608090134', description: 'The 18-character resident ID number (GB 11643). Never returned unmasked.' })
  @Transform(upperTrimmed)
  @IsIdNumber()
  idNumber: string;

  @ApiProperty({ example: '1946-08-09', format: 'date', description: 'Must be the date in the ID number' })
  @IsCalendarDate('birthDate')
  birthDate: string;

  @ApiProperty({ enum: GENDERS, description: "Must agree with the ID number's 17th digit (odd: male)" })
  @IsIn(GENDERS, { message: 'gender must be female or male' })
  gender: Gender;

  @ApiPropertyOptional({ type: String, example: '13907351234', nullable: true, description: 'Absent or null for a senior without a phone' })
  @IsOptional()
  @IsString({ message: MOBILE_MESSAGE })
  @Matches(MOBILE, { message: MOBILE_MESSAGE })
  phone?: string | null;

  @ApiProperty({ example: '郴州市北湖区人民西路 8 号 2 栋 301', maxLength: 200 })
  @IsString({ message: 'address must be text' })
  @Length(1, 200, { message: 'address must be 1 to 200 characters' })
  address: string;

  @ApiPropertyOptional({ type: LocationDto, nullable: true, description: 'Null when the address is not geocoded yet' })
  @IsOptional()
  @IsObject({ message: 'location must be an object { lat, lng } or null' })
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto | null;

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

  @ApiProperty({ minimum: 0, maximum: 4, example: 1, description: 'GB/T 42195-2022: 0 intact … 4 total loss of ability' })
  @IsInt({ message: 'careLevel must be a whole number from 0 to 4' })
  @Min(0, { message: 'careLevel must be from 0 to 4' })
  @Max(4, { message: 'careLevel must be from 0 to 4' })
  careLevel: number;

  @ApiPropertyOptional({ enum: SUBSIDY_CATEGORIES, default: 'none' })
  @IsOptional()
  @IsIn(SUBSIDY_CATEGORIES, { message: `subsidyCategory must be one of ${SUBSIDY_CATEGORIES.join(', ')}` })
  subsidyCategory?: SubsidyCategory;

  @ApiPropertyOptional({ enum: DIETARY_NEEDS, isArray: true, default: [] })
  @IsOptional()
  @IsArray({ message: `dietaryNeeds must be a list of ${DIETARY_NEEDS.join(', ')}` })
  @ArrayMaxSize(DIETARY_NEEDS.length, { message: 'dietaryNeeds has too many entries' })
  @ArrayUnique({ message: 'dietaryNeeds must not repeat an entry' })
  @IsIn(DIETARY_NEEDS, { each: true, message: `each dietary need must be one of ${DIETARY_NEEDS.join(', ')}` })
  dietaryNeeds?: DietaryNeed[];

  @ApiProperty({ format: 'uuid', description: 'The facility that looks after the resident' })
  @IsUUID('all', { message: 'homeFacilityId must be a facility id (a UUID)' })
  homeFacilityId: string;
}

/** Any subset of the fields. Changing idNumber, birthDate or gender keeps the three consistent. */
export class UpdateResidentDto extends PartialType(CreateResidentDto, { skipNullProperties: false }) {}

export class ResidentQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Centre staff always get their own facility' })
  @IsOptional()
  @IsUUID('all', { message: 'facilityId must be a facility id (a UUID)' })
  facilityId?: string;

  @ApiPropertyOptional({
    description: 'Part of the name, the last 4 characters of the ID number, the whole ID number, or part of the phone',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'q must be at most 50 characters' })
  q?: string;
}

export class ResidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '王秀英' }) name: string;
  @ApiProperty({
    example: '**************013X',
    description: 'Masked: the last four characters only, or none where the birth date is shown',
  })
  idNumber: string;
  @ApiProperty({
    example: '1946-08-09',
    format: 'date',
    nullable: true,
    type: String,
    description: 'Only to staff of the home facility and admin, on one resident; others get age',
  })
  birthDate: string | null;
  @ApiProperty({ example: 80, description: 'Whole years today (Asia/Shanghai)' }) age: number;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ type: String, nullable: true, example: '13907351234' }) phone: string | null;
  @ApiProperty() address: string;
  @ApiProperty({ type: LocationDto, nullable: true }) location: LocationDto | null;
  @ApiProperty({ example: '北湖区' }) district: string;
  @ApiProperty({ example: '人民路街道' }) street: string;
  @ApiProperty({ type: String, nullable: true, example: '431002', description: 'GB/T 2260; null where the name is not in the register' })
  districtCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '431002001' }) streetCode: string | null;
  @ApiProperty({ minimum: 0, maximum: 4 }) careLevel: number;
  @ApiProperty({ enum: SUBSIDY_CATEGORIES }) subsidyCategory: SubsidyCategory;
  @ApiProperty({ enum: DIETARY_NEEDS, isArray: true }) dietaryNeeds: DietaryNeed[];
  @ApiProperty({ format: 'uuid' }) homeFacilityId: string;
}

export class ResidentPageDto {
  @ApiProperty({ type: [ResidentDto] }) items: ResidentDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
