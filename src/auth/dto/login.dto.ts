import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/roles.js';

export class LoginDto {
  @ApiProperty({ description: 'Username or 11-digit mobile number', example: 'admin' })
  @IsString()
  @Length(1, 100)
  username: string;

  @ApiProperty({ example: 'change-me-please' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) facilityId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) residentId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) caregiverId?: string | null;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}
