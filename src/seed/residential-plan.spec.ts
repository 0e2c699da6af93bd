import { describe, expect, it } from '@jest/globals';
import { DAY, planBeds, planStays, type Candidate } from './residential-plan.js';
import { Random } from './random.js';

describe('residential demo plan', () => {
  const from = Date.UTC(2025, 11, 1);
  const to = from + 365 * DAY;
  const candidates = (n: number): Candidate[] =>
    Array.from({ length: n }, (_, i) => ({ id: `r${i}`, careLevel: i % 5, tekun: i % 3 === 0 }));

  it('puts beds in rooms of two or three with unique codes', () => {
    const beds = planBeds(new Random(1), 41);
    expect(beds).toHaveLength(41);
    expect(new Set(beds.map((b) => b.code)).size).toBe(41);
    const perRoom = new Map<string, number>();
    for (const b of beds) perRoom.set(b.room, (perRoom.get(b.room) ?? 0) + 1);
    expect(Math.max(...perRoom.values())).toBeLessThanOrEqual(3);
  });

  it('never overlaps stays on a bed, takes each resident once and leaves the last stay open when it runs past the end', () => {
    const beds = planBeds(new Random(2), 30);
    const stays = planStays(new Random(3), beds, candidates(500), from, to);
    expect(new Set(stays.map((s) => s.residentId)).size).toBe(stays.length);
    for (let bed = 0; bed < beds.length; bed++) {
      const mine = stays.filter((s) => s.bedIndex === bed);
      for (let i = 1; i < mine.length; i++) expect(mine[i].admittedAt).toBeGreaterThan(mine[i - 1].dischargedAt as number);
      expect(mine.slice(0, -1).every((s) => s.dischargedAt !== null && s.reason !== null)).toBe(true);
    }
    expect(stays.every((s) => s.appliedAt <= s.admittedAt && (s.dischargedAt === null || s.dischargedAt > s.admittedAt))).toBe(true);
  });

  it('stops when candidates run out', () => {
    expect(planStays(new Random(4), planBeds(new Random(5), 10), candidates(3), from, to)).toHaveLength(3);
  });
});
