import { ApiProperty } from '@nestjs/swagger';

/** One scheduling run as staff read it in GET /scheduling/runs. */
export class RunRecordDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: a run over all facilities' }) facilityId: string | null;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) date: string;
  @ApiProperty({ enum: ['manual', 'rolling', 'nightly'] }) trigger: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) requestedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) requestedByName: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ enum: ['running', 'ok', 'failed'] }) status: string;
  @ApiProperty({ type: 'integer' }) ordersConsidered: number;
  @ApiProperty({ type: 'integer' }) caregiversConsidered: number;
  @ApiProperty({ type: 'integer' }) assigned: number;
  @ApiProperty({ type: 'integer', description: 'Orders left without a caregiver' }) unassigned: number;
  @ApiProperty({ type: 'integer' }) travelMinutes: number;
  @ApiProperty({ type: Number, nullable: true }) continuityRate: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null while running' }) durationMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why a failed run failed' }) error: string | null;
}

/** A confirmed future order no caregiver could take at the last run. */
export class UnassignedOrderDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'The reason in Chinese' }) reasonZh: string;
  @ApiProperty({ example: 'cleaning.home' }) serviceCode: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ format: 'date-time' }) slotStart: string;
}
