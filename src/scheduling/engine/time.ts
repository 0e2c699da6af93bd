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

/** Seconds precision; milliseconds only when the instant has them (plans to the millisecond). */
export function formatTime(ms: number): string {
  const iso = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  return (ms % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23)) + '+08:00';
}

/** Visits start on whole minutes, so printed plans read naturally and parse back exactly. */
export function ceilToMinute(ms: number): number {
  return Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
}

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Rounds up to a multiple of `step` ms (whole minutes by default). */
export function ceilToStep(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

export function floorToStep(ms: number, step: number): number {
  return Math.floor(ms / step) * step;
}
