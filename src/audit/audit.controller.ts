import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { PageQuery } from '../common/http/pagination.js';
import { AuditPageDto } from './audit-entry.dto.js';
import { AuditService } from './audit.service.js';

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'resident' }) @IsOptional() @IsString() @Length(1, 50) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityId?: string;
}

@SignedInApi('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiRoute({ roles: ['admin'], summary: 'The audit trail of registry and account changes (newest first)', ok: AuditPageDto })
  list(@Query() query: AuditQuery): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
