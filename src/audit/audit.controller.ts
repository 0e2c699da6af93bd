import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { Roles } from '../common/auth/decorators.js';
import { PageQuery, type Page } from '../common/http/pagination.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { AuditService } from './audit.service.js';

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'resident' }) @IsOptional() @IsString() @Length(1, 50) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) entityId?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The audit trail of registry and account changes (newest first)' })
  list(@Query() query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.audit.list(query);
  }
}
