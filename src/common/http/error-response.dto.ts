import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS } from '../errors/error-codes.js';

export class FieldDetailDto {
  @ApiProperty({ example: 'idNumber' }) field: string;
  @ApiProperty({ example: 'idNumber has a wrong check character' }) message: string;
}

/** The one error shape, as documented in the OpenAPI document. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: 'Some fields need correcting: idNumber' }) message: string;
  @ApiPropertyOptional({ type: [FieldDetailDto] }) details?: FieldDetailDto[];
  @ApiPropertyOptional({ description: 'Echoes X-Request-Id' }) requestId?: string;
}
