import { Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import { AssignmentsRepository } from './assignments.repository.js';
import type { RunRecordDto, UnassignedOrderDto } from './dto/scheduling-query.dto.js';
import { SchedulingRepository, type RunRow } from './scheduling.repository.js';

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
    private readonly runsRepo: SchedulingRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly access: AccessService,
  ) {}

  async runs(actor: Actor, facilityId?: string): Promise<RunRecordDto[]> {
    const scope = this.access.facilityScope(actor, facilityId);
    const rows = await this.runsRepo.recentRuns(scope ?? null, !this.access.limitedToFacility(actor));
    return rows.map(toRunRecord);
  }

  async unassigned(actor: Actor, facilityId: string): Promise<UnassignedOrderDto[]> {
    this.access.requireFacilityReader(actor, facilityId);
    const rows = await this.assignments.unassignedOf(facilityId);
    return rows.map(({ slot_start, ...r }) => ({ ...r, slotStart: toShanghaiIso(slot_start.getTime()) }));
  }
}
