import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CareType } from './waiting-order.js';
import type { BedDto, BedStatus } from './dto/beds.dto.js';

export interface BedRow {
  id: string;
  facilityId: string;
  code: string;
  room: string;
  careType: CareType;
  /** As set by staff: free, reserved or out_of_service. */
  setStatus: Exclude<BedStatus, 'occupied'>;
}

interface RawBed {
  id: string;
  facility_id: string;
  code: string;
  room: string;
  care_type: CareType;
  status: Exclude<BedStatus, 'occupied'>;
}

/** A bed on the board, with who holds it now or from later (started false: reserved). */
interface BoardRow extends RawBed {
  resident_id: string | null;
  resident_name: string | null;
  started: boolean | null;
}

const toRow = (r: RawBed): BedRow => ({
  id: r.id,
  facilityId: r.facility_id,
  code: r.code,
  room: r.room,
  careType: r.care_type,
  setStatus: r.status,
});

/** The beds table: the bed board's read, and the beds an admission may take. */
@Injectable()
export class BedsRepository {
  async insert(m: EntityManager, facilityId: string, bed: { code: string; room: string; careType: CareType }): Promise<BedRow> {
    const rows = await m.query<RawBed[]>(
      `INSERT INTO beds (facility_id, code, room, care_type) VALUES ($1, $2, $3, $4) RETURNING id, facility_id, code, room, care_type, status`,
      [facilityId, bed.code, bed.room, bed.careType],
    );
    return toRow(rows[0]);
  }

  async facilityOf(m: EntityManager, bedId: string): Promise<string | undefined> {
    const rows = await m.query<{ facility_id: string }[]>('SELECT facility_id FROM beds WHERE id = $1', [bedId]);
    return rows[0]?.facility_id;
  }

  async lock(m: EntityManager, bedId: string): Promise<BedRow | undefined> {
    const rows = await m.query<RawBed[]>('SELECT id, facility_id, code, room, care_type, status FROM beds WHERE id = $1 FOR UPDATE', [
      bedId,
    ]);
    return rows[0] && toRow(rows[0]);
  }

  async setStatus(m: EntityManager, bedId: string, status: string): Promise<void> {
    await m.query('UPDATE beds SET status = $2, updated_at = now() WHERE id = $1', [bedId, status]);
  }

  /** Whether anyone holds the bed at or after the given time. */
  async heldFrom(m: EntityManager, bedId: string, from: Date): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM bed_occupancies WHERE bed_id = $1 AND during && tstzrange($2, NULL)`, [
      bedId,
      from,
    ]);
    return rows.length > 0;
  }

  /** The first bed of the care type, free by staff and held by no one from the given time on. */
  async firstFree(m: EntityManager, facilityId: string, careType: CareType, from: Date): Promise<BedRow | undefined> {
    const rows = await m.query<RawBed[]>(
      `SELECT b.id, b.facility_id, b.code, b.room, b.care_type, b.status FROM beds b
        WHERE b.facility_id = $1 AND b.care_type = $2 AND b.status = 'free'
          AND NOT EXISTS (SELECT 1 FROM bed_occupancies o WHERE o.bed_id = b.id AND o.during && tstzrange($3, NULL))
        ORDER BY b.room, b.code LIMIT 1`,
      [facilityId, careType, from],
    );
    return rows[0] && toRow(rows[0]);
  }

  /** The bed board: every bed of the facility with who is in it now (or from later: reserved). */
  async board(m: EntityManager, facilityId: string, bedId?: string): Promise<BedDto[]> {
    const rows = await m.query<BoardRow[]>(
      `SELECT b.id, b.facility_id, b.code, b.room, b.care_type, b.status, h.resident_id, h.resident_name, h.started
         FROM beds b
         LEFT JOIN LATERAL (
           SELECT a.resident_id, r.name AS resident_name, lower(o.during) <= now() AS started
             FROM bed_occupancies o JOIN admissions a ON a.id = o.admission_id JOIN residents r ON r.id = a.resident_id
            WHERE o.bed_id = b.id AND o.during && tstzrange(now(), NULL)
            ORDER BY lower(o.during) LIMIT 1) h ON true
        WHERE b.facility_id = $1 AND ($2::uuid IS NULL OR b.id = $2)
        ORDER BY b.room, b.code`,
      [facilityId, bedId ?? null],
    );
    return rows.map((r) => {
      const dto: BedDto = {
        id: r.id,
        facilityId: r.facility_id,
        code: r.code,
        room: r.room,
        careType: r.care_type,
        status: r.started ? 'occupied' : r.resident_id ? 'reserved' : r.status,
      };
      if (r.started && r.resident_id) {
        dto.residentId = r.resident_id;
        dto.residentName = r.resident_name ?? undefined;
      }
      return dto;
    });
  }
}
