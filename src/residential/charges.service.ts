import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';
import { addDays, dayStart, DAY_MS, shanghaiDate, toShanghaiIso } from '../common/shanghai-time.js';
import { ageOn, loadPolicy } from '../orders/allowance.js';
import type { SubsidyCategory } from '../orders/pricing.js';
import { AdmissionsRepository, type OccupancySegmentRow } from './admissions.repository.js';
import type { StatementDto, StatementLineDto } from './dto/statements.dto.js';
import { residentialCharge, segmentFen, type Charge } from './residential-charge.js';
import { AccessService } from '../common/auth/access.service.js';

export interface ResidentCharge extends Charge {
  residentId: string;
  subsidyCategory: SubsidyCategory;
  facilityId: string;
  facilityName: string;
  /** The facility's district. */
  district: string;
}

/** Months as the residential charge counts them: from the 1st 00:00 to the next 1st, Asia/Shanghai. */
export function monthBounds(month: string): { start: Date; end: Date } {
  const first = `${month}-01`;
  const next = shanghaiDate(dayStart(first) + 32 * DAY_MS).slice(0, 7);
  return { start: new Date(dayStart(first)), end: new Date(dayStart(`${next}-01`)) };
}

/** Residential charges: each resident's monthly statement and the month's spend for the bureau. */
@Injectable()
export class ChargesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly admissions: AdmissionsRepository,
  ) {}

  async statement(actor: Actor, residentId: string, month: string): Promise<StatementDto> {
    const resident = await this.access.requireResidence(actor, residentId);
    const { start, end } = monthBounds(month);
    const rows = await this.admissions.occupancySegments(this.db.manager, start, end, { residentId: resident.id });
    const monthMs = end.getTime() - start.getTime();
    const lines: StatementLineDto[] = rows.map((r) => {
      const heldMs = r.e.getTime() - r.s.getTime();
      return {
        admissionId: r.admission_id,
        facilityId: r.facility_id,
        facilityName: r.facility_name,
        bedId: r.bed_id,
        bedCode: r.bed_code,
        careType: r.care_type,
        from: toShanghaiIso(r.s.getTime()),
        to: toShanghaiIso(r.e.getTime()),
        days: Math.round((heldMs / DAY_MS) * 10) / 10,
        monthlyFen: r.monthly_fen,
        baseFen: segmentFen({ monthlyFen: r.monthly_fen, heldMs }, monthMs),
      };
    });
    const charges = await this.charge(rows, start, end);
    const charge = charges[0] ?? { baseFen: 0, subsidyFen: 0, copayFen: 0, funding: [] };
    return {
      residentId: resident.id,
      residentName: resident.name,
      month,
      lines,
      baseFen: charge.baseFen,
      subsidyFen: charge.subsidyFen,
      copayFen: charge.copayFen,
      funding: charge.funding,
    };
  }

  /** Every resident's charge of the month, optionally at one facility: the subsidy report's residential part. */
  async monthCharges(month: string, facilityId?: string): Promise<ResidentCharge[]> {
    const { start, end } = monthBounds(month);
    return this.charge(await this.admissions.occupancySegments(this.db.manager, start, end, { facilityId }), start, end);
  }

  private async charge(rows: OccupancySegmentRow[], start: Date, end: Date): Promise<ResidentCharge[]> {
    const policy = await loadPolicy(this.db.manager);
    const monthMs = end.getTime() - start.getTime();
    const lastDay = addDays(shanghaiDate(end.getTime()), -1);
    const byResident = new Map<string, OccupancySegmentRow[]>();
    for (const r of rows) byResident.set(r.resident_id, [...(byResident.get(r.resident_id) ?? []), r]);
    return [...byResident.values()].map((segments) => {
      const first = segments[0];
      const charge = residentialCharge(
        {
          segments: segments.map((s) => ({ monthlyFen: s.monthly_fen, heldMs: s.e.getTime() - s.s.getTime() })),
          monthMs,
          subsidyCategory: first.subsidy_category,
          age: ageOn(first.birth_date, lastDay),
        },
        policy,
      );
      // A resident moved between homes within the month is counted at the last one.
      const last = segments[segments.length - 1];
      return {
        ...charge,
        residentId: first.resident_id,
        subsidyCategory: first.subsidy_category,
        facilityId: last.facility_id,
        facilityName: last.facility_name,
        district: last.facility_district,
      };
    });
  }
}
