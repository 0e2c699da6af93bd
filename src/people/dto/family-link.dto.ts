import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { MOBILE, MOBILE_MESSAGE, ResidentDto } from './resident.dto.js';

interface AccountRef {
  username?: string;
  phone?: string;
}

/** Links an existing family account, named by its username or its mobile number (one of them). */
export class CreateFamilyLinkDto {
  @ApiPropertyOptional({ example: 'wang.li', description: 'The family account’s username; or give phone instead' })
  @ValidateIf((o: AccountRef) => o.username !== undefined || o.phone === undefined)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString({ message: 'username (or phone) of the family account is required' })
  @Length(3, 50, { message: 'username must be 3 to 50 characters' })
  username?: string;

  @ApiPropertyOptional({ example: '13907359876', description: 'The family account’s mobile number; or give username instead' })
  @ValidateIf((o: AccountRef) => o.phone !== undefined)
  @IsString({ message: MOBILE_MESSAGE })
  @Matches(MOBILE, { message: MOBILE_MESSAGE })
  @ValidateBy({
    name: 'notWithUsername',
    validator: {
      validate: (_value, args) => (args?.object as AccountRef).username === undefined,
      defaultMessage: () => 'send either username or phone, not both',
    },
  })
  phone?: string;

  @ApiProperty({ example: '女儿', maxLength: 20, description: 'How the family member is related to the senior' })
  @IsString({ message: 'relationship must be text, such as 女儿 or 儿子' })
  @Length(1, 20, { message: 'relationship must be 1 to 20 characters' })
  relationship: string;

  @ApiPropertyOptional({ default: true, description: 'Whether the family member may book services for the senior' })
  @IsOptional()
  @IsBoolean({ message: 'canBook must be true or false' })
  canBook?: boolean;
}

export class FamilyLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty({ format: 'uuid', description: 'The family account' }) userId: string;
  @ApiProperty({ example: 'wang.li' }) username: string;
  @ApiProperty({ example: '王丽' }) displayName: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ example: '女儿' }) relationship: string;
  @ApiProperty() canBook: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

/** A senior the signed-in family member (or senior) may act for. */
export class MyResidentDto extends ResidentDto {
  @ApiProperty({ example: '女儿', description: '"self" for a senior’s own record' }) relationship: string;
  @ApiProperty({ description: 'Whether the caller may book for this senior' }) canBook: boolean;
}
