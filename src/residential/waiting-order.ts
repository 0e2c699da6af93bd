/**
 * The order of a facility's waiting list: extreme hardship (特困) first, then the higher care
 * level (GB/T 42195-2022: 4 is total loss of ability), then whoever has waited longer.
 * Pure: the list's page and the promotion on a freed bed both sort with it.
 */
export type CareType = 'self_care' | 'partial_care' | 'full_care';
export const CARE_TYPES: readonly CareType[] = ['self_care', 'partial_care', 'full_care'];

export interface WaitingEntry {
  id: string;
  careType: CareType;
  careLevel: number;
  subsidyCategory: string;
  /** Milliseconds since the epoch: when the resident joined the list. */
  waitingSince: number;
}

export function compareWaiting(a: WaitingEntry, b: WaitingEntry): number {
  const hardship = Number(b.subsidyCategory === 'tekun') - Number(a.subsidyCategory === 'tekun');
  if (hardship !== 0) return hardship;
  if (a.careLevel !== b.careLevel) return b.careLevel - a.careLevel;
  if (a.waitingSince !== b.waitingSince) return a.waitingSince - b.waitingSince;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function inWaitingOrder<T extends WaitingEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareWaiting);
}

/** Who takes a freed bed: the first on the list who needs that bed's care type. */
export function nextForBed<T extends WaitingEntry>(entries: readonly T[], careType: CareType): T | undefined {
  return inWaitingOrder(entries).find((e) => e.careType === careType);
}
