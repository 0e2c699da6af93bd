import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { RunRecordDto, UnassignedOrderDto } from './dto/scheduling-query.dto.js';

interface RunRow {
  id: string;
  facility_id: string | null;
  date: string;
  trigger: string;
  requested_by: string | null;
  requested_by_name: string | null;
  started_at: Date;
  status: string;
  orders_considered: number;
  caregivers_considered: number;
  assigned: number;
  unassigned: number;
  travel_minutes: number;
  continuity_rate: number | null;
  duration_ms: number | null;
  error: string | null;
}

function toRunRecord(r: RunRow): RunRecordDto {
  return {
    id: r.id,
    facilityId: r.facility_id,
    date: r.date,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    startedAt: toShanghaiIso(r.started_at.getTime()),
    status: r.status,
    ordersConsidered: r.orders_considered,
    caregiversConsidered: r.caregivers_considered,
    assigned: r.assigned,
    unassigned: r.unassigned,
    travelMinutes: r.travel_minutes,
    continuityRate: r.continuity_rate,
    durationMs: r.duration_ms,
    error: r.error,
  };
}

/** What staff read about assignment: recent runs and the orders left without a caregiver. */
@Injectable()
export class SchedulingQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async runs(actor: Actor, facilityId?: string): Promise<RunRecordDto[]> {
    const scope = this.access.facilityScope(actor, facilityId);
    const rows = (await this.db.query(
      `SELECT r.id::text, r.facility_id, r.service_date::text AS date, r.trigger, r.requested_by, u.display_name AS requested_by_name,
              r.started_at, r.status, r.orders_considered, r.caregivers_considered, r.assigned, jsonb_array_length(r.unassigned) AS unassigned,
              r.travel_minutes, r.continuity_rate, r.duration_ms, r.error
         FROM scheduling_runs r LEFT JOIN users u ON u.id = r.requested_by
        WHERE $1::uuid IS NULL OR r.facility_id = $1 OR (r.facility_id IS NULL AND $2)
        ORDER BY r.id DESC LIMIT 50`,
      [scope ?? null, !this.access.limitedToFacility(actor)],
    )) as RunRow[];
    return rows.map(toRunRecord);
  }

  async unassigned(actor: Actor, facilityId: string): Promise<UnassignedOrderDto[]> {
    this.access.requireFacilityReader(actor, facilityId);
    const rows = (await this.db.query(
      `SELECT u.order_id AS "orderId", u.reason, COALESCE(u.reason_zh, u.reason) AS "reasonZh", o.service_code AS "serviceCode", o.slot_start, r.name AS "residentName"
         FROM unassigned_orders u JOIN orders o ON o.id = u.order_id JOIN residents r ON r.id = o.resident_id
        WHERE u.facility_id::text = $1 AND o.status = 'confirmed' AND o.slot_start > now()
        ORDER BY o.slot_start`,
      [facilityId],
    )) as (Omit<UnassignedOrderDto, 'slotStart'> & { slot_start: Date })[];
    return rows.map(({ slot_start, ...r }) => ({ ...r, slotStart: toShanghaiIso(slot_start.getTime()) }));
  }
}
