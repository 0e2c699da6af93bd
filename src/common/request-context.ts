import { AsyncLocalStorage } from 'node:async_hooks';

/** What the rest of a request's work may need to know of it without being passed it: its id, for the audit trail. */
const context = new AsyncLocalStorage<{ requestId: string }>();

export function runInRequest<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

/** The id of the request this code runs for (X-Request-Id), or null outside a request (jobs). */
export function currentRequestId(): string | null {
  return context.getStore()?.requestId ?? null;
}
