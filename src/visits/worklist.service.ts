import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { OrderStatus } from '../orders/order-status.js';
import { addDays, dayStart, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import type { WorklistItemDto } from './dto/visit.dto.js';
import { checkInOf, checkOutOf, type VisitRow } from './visits.repository.js';

interface WorklistRow {
  order_id: string;
  status: OrderStatus;
  planned_start: Date;
  planned_end: Date;
  travel_minutes: number;
  notes: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  resident_id: string;
  resident_name: string;
  resident_phone: string | null;
  resident_address: string;
  resident_lat: number | null;
  resident_lng: number | null;
  care_level: number;
  family: { name: string; relationship: string; phone: string } | null;
  dietary_needs: string[];
  service_code: string;
  name_zh: string;
  name_en: string;
  place: string;
  duration_minutes: number;
  visit: VisitRow | null;
}

/** A caregiver's day: their assigned visits in planned order, with what they need at each door. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async myDay(actor: Actor, date = shanghaiDate(Date.now())): Promise<WorklistItemDto[]> {
    if (!actor.caregiverId) return [];
    const rows = (await this.db.query(
      `SELECT a.order_id, o.status, a.planned_start, a.planned_end, a.travel_minutes, o.notes, o.address, o.lat, o.lng,
              r.id AS resident_id, r.name AS resident_name, r.phone AS resident_phone, r.address AS resident_address,
              r.lat AS resident_lat, r.lng AS resident_lng, r.care_level, r.dietary_needs,
              s.code AS service_code, s.name_zh, s.name_en, s.place, s.duration_minutes,
              (SELECT to_jsonb(v) FROM visits v WHERE v.order_id = o.id) AS visit,
              (SELECT jsonb_build_object('name', u.display_name, 'relationship', fl.relationship, 'phone', u.phone)
                 FROM family_links fl JOIN users u ON u.id = fl.user_id
                WHERE fl.resident_id = r.id AND u.phone IS NOT NULL AND NOT u.disabled
                ORDER BY fl.created_at, fl.id LIMIT 1) AS family
         FROM assignments a JOIN orders o ON o.id = a.order_id JOIN residents r ON r.id = o.resident_id JOIN services s ON s.code = o.service_code
        WHERE a.caregiver_id = $1 AND a.planned_start >= $2 AND a.planned_start < $3 AND o.status <> 'cancelled'
        ORDER BY a.planned_start, a.order_id`,
      [actor.caregiverId, new Date(dayStart(date)), new Date(dayStart(addDays(date, 1)))],
    )) as WorklistRow[];
    return rows.map((r) => {
      const visit = r.visit ? revive(r.visit) : null;
      const location = r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : r.resident_lat !== null && r.resident_lng !== null ? { lat: r.resident_lat, lng: r.resident_lng } : null;
      return {
        orderId: r.order_id,
        status: r.status,
        plannedStart: toShanghaiIso(r.planned_start.getTime()),
        plannedEnd: toShanghaiIso(r.planned_end.getTime()),
        checkInOpensAt: toShanghaiIso(r.planned_start.getTime() - this.config.checkInEarlyMinutes * 60_000),
        travelMinutes: r.travel_minutes,
        resident: { id: r.resident_id, name: r.resident_name, phone: r.resident_phone, careLevel: r.care_level, dietaryNeeds: r.dietary_needs },
        family: r.family,
        service: { code: r.service_code, nameZh: r.name_zh, nameEn: r.name_en, place: r.place, durationMinutes: r.duration_minutes },
        address: r.address ?? r.resident_address,
        location,
        notes: r.notes,
        checkIn: visit ? checkInOf(visit) : null,
        checkOut: visit ? checkOutOf(visit) : null,
      };
    });
  }
}

/** to_jsonb gives timestamps as strings: turn the ones the DTO reads back into dates. */
function revive(v: VisitRow): VisitRow {
  const d = (x: unknown) => (x ? new Date(x as string) : null);
  return { ...v, check_in_at: d(v.check_in_at), check_out_at: d(v.check_out_at) };
}
