/** Instants as epoch milliseconds; plans print them in Asia/Shanghai (+08:00), seconds precision. */
export const MINUTE_MS = 60_000;
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS;

export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTime(iso: string): number {
  return Date.parse(iso);
}

export function isValidTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

export function formatTime(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

/** Visits start on whole minutes, so printed plans read naturally and parse back exactly. */
export function ceilToMinute(ms: number): number {
  return Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
}

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
