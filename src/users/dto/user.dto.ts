import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/roles.js';
import { PageQuery } from '../../common/http/pagination.js';

const USERNAME = /^[a-z0-9._-]{3,50}$/;
const MOBILE = /^1\d{10}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'wang.fang', description: 'Lower-case letters, digits, dot, dash, underscore; 3-50 characters' })
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3-50 lower-case letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128, { message: 'password must be 8 to 128 characters long' })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ example: '王芳' })
  @IsString()
  @Length(1, 50)
  displayName: string;

  @ApiPropertyOptional({ example: '13807350001' })
  @IsOptional()
  @Matches(MOBILE, { message: 'phone must be an 11-digit mobile number starting with 1' })
  phone?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for centre_staff' })
  @IsOptional()
  @IsUUID('all', { message: 'facilityId must be a UUID' })
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for senior' })
  @IsOptional()
  @IsUUID('all', { message: 'residentId must be a UUID' })
  residentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for caregiver' })
  @IsOptional()
  @IsUUID('all', { message: 'caregiverId must be a UUID' })
  caregiverId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) displayName?: string;

  @ApiPropertyOptional({ description: 'A disabled account cannot sign in; its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'Resets the password', minLength: 8, maxLength: 128 })
  @IsOptional()
  @IsString()
  @Length(8, 128, { message: 'password must be 8 to 128 characters long' })
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(MOBILE, { message: 'phone must be an 11-digit mobile number starting with 1' })
  phone?: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') facilityId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) facilityId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) residentId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caregiverId: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) createdAt: Date;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
