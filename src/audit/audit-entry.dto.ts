import { ApiProperty } from '@nestjs/swagger';
import type { AuditAction } from './audit-entry.entity.js';

/** One change in the audit trail, as GET /audit answers it. */
export class AuditEntryDto {
  @ApiProperty({ example: '1207' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: a change made by the service itself' }) actorUserId:
    string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole: string | null;
  @ApiProperty({ example: 'resident' }) entity: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: AuditAction;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { old: {}, new: {} } },
    description: 'Per changed field, its old and new value (ID numbers masked)',
    example: { name: { old: '人民路中心', new: '人民路社区中心' } },
  })
  changes: Record<string, { old: unknown; new: unknown }>;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
