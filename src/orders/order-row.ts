import { toShanghaiIso } from '../common/shanghai-time.js';
import type { Funding } from './pricing.js';
import type { OrderDto } from './dto/order.dto.js';
import type { OrderStatus } from './order-status.js';

/** An `orders` row as PostgreSQL returns it. */
export interface OrderRow {
  id: string;
  resident_id: string;
  facility_id: string;
  service_code: string;
  slot_id: string;
  slot_start: Date;
  slot_end: Date;
  status: OrderStatus;
  holds_capacity: boolean;
  channel: 'self' | 'family' | 'staff';
  created_by: string;
  notes: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  dietary_needs: string[];
  base_fen: number;
  subsidy_fen: number;
  copay_fen: number;
  funding: Funding[];
  allowance: Record<string, number>;
  allowance_month: string | null;
  series_id: string | null;
  created_at: Date;
}

export function toOrderDto(row: OrderRow): OrderDto {
  return {
    id: row.id,
    status: row.status,
    residentId: row.resident_id,
    serviceCode: row.service_code,
    facilityId: row.facility_id,
    slot: { start: toShanghaiIso(row.slot_start.getTime()), end: toShanghaiIso(row.slot_end.getTime()) },
    price: { baseFen: row.base_fen, subsidyFen: row.subsidy_fen, copayFen: row.copay_fen, funding: row.funding },
    channel: row.channel,
    createdBy: row.created_by,
    createdAt: toShanghaiIso(row.created_at.getTime()),
    notes: row.notes,
    dietaryNeeds: row.dietary_needs,
    seriesId: row.series_id,
  };
}
