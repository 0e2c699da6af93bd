import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
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
  @ApiProperty({
    description:
      'Single-use: POST /auth/refresh trades it for a new access token and the next refresh token (also set as an httpOnly cookie)',
  })
  refreshToken: string;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'The refresh token from sign-in or the last refresh; omit when the cookie carries it' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  refreshToken?: string;
}
