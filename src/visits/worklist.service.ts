import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { addDays, dayStart, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import type { WorklistItemDto } from './dto/visit.dto.js';
import { checkInOf, checkOutOf, VisitsRepository, type VisitRow } from './visits.repository.js';

/** A caregiver's day: their assigned visits in planned order, with what they need at each door. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly visits: VisitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async myDay(actor: Actor, date = shanghaiDate(Date.now())): Promise<WorklistItemDto[]> {
    if (!actor.caregiverId) return [];
    const rows = await this.visits.worklist(actor.caregiverId, new Date(dayStart(date)), new Date(dayStart(addDays(date, 1))));
    return rows.map((r) => {
      const visit = r.visit ? revive(r.visit) : null;
      const location =
        r.lat !== null && r.lng !== null
          ? { lat: r.lat, lng: r.lng }
          : r.resident_lat !== null && r.resident_lng !== null
            ? { lat: r.resident_lat, lng: r.resident_lng }
            : null;
      return {
        orderId: r.order_id,
        status: r.status,
        plannedStart: toShanghaiIso(r.planned_start.getTime()),
        plannedEnd: toShanghaiIso(r.planned_end.getTime()),
        checkInOpensAt: toShanghaiIso(r.planned_start.getTime() - this.config.checkInEarlyMinutes * 60_000),
        travelMinutes: r.travel_minutes,
        resident: {
          id: r.resident_id,
          name: r.resident_name,
          phone: r.resident_phone,
          careLevel: r.care_level,
          dietaryNeeds: r.dietary_needs,
        },
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
