/**
 * The demo city's residential history, planned without I/O: beds in rooms for each rural home,
 * and a year of stays on each bed (back to back with gaps, never overlapping, each resident once),
 * so the occupancy, 集中供养 and charges panels show believable figures on first start.
 */
import type { Random } from './random.js';

export type CareType = 'self_care' | 'partial_care' | 'full_care';
export const DAY = 86_400_000;

export interface BedPlan {
  code: string;
  room: string;
  careType: CareType;
}

export interface Candidate {
  id: string;
  careLevel: number;
  tekun: boolean;
}

export interface StayPlan {
  bedIndex: number;
  residentId: string;
  careLevel: number;
  appliedAt: number;
  admittedAt: number;
  /** null: still there. */
  dischargedAt: number | null;
  reason: 'home' | 'hospital' | 'death' | 'transfer_out' | 'other' | null;
}

export function planBeds(rng: Random, count: number): BedPlan[] {
  const beds: BedPlan[] = [];
  let room = 101;
  while (beds.length < count) {
    const careType = rng.weighted<CareType>([
      ['self_care', 4],
      ['partial_care', 3.5],
      ['full_care', 2.5],
    ]);
    const size = Math.min(count - beds.length, rng.int(2, 3));
    for (let i = 1; i <= size; i++) beds.push({ code: `${room}-${i}`, room: String(room), careType });
    room = room % 100 === 20 ? room + 81 : room + 1;
  }
  return beds;
}

/**
 * Stays on each bed from `from` to `to`: the first begins within three weeks, each lasts 20 to 400
 * days, beds stand empty 3 to 30 days between. Candidates are taken in order (the caller puts
 * extreme hardship and high care levels first); a stay still running at `to` stays open.
 */
export function planStays(rng: Random, beds: readonly BedPlan[], candidates: Candidate[], from: number, to: number): StayPlan[] {
  const stays: StayPlan[] = [];
  beds.forEach((_, bedIndex) => {
    let t = from + rng.int(0, 20) * DAY;
    while (t < to && candidates.length > 0) {
      const who = candidates.shift() as Candidate;
      const end = t + rng.int(20, 400) * DAY;
      const waited = rng.chance(0.35) ? rng.int(5, 60) * DAY : 0;
      const open = end >= to;
      stays.push({
        bedIndex,
        residentId: who.id,
        careLevel: who.careLevel,
        appliedAt: t - waited,
        admittedAt: t,
        dischargedAt: open ? null : end,
        reason: open
          ? null
          : rng.weighted([
              ['home', 3],
              ['hospital', 3],
              ['death', 2],
              ['transfer_out', 1],
              ['other', 1],
            ] as const),
      });
      t = end + rng.int(3, 30) * DAY;
    }
  });
  return stays;
}
