/**
 * Why the service could not start, in one line an operator can act on. StartFailure carries a
 * message that already says what to do (a port in use, a data directory in use); any other error
 * is described by the step that failed and its message, even when the error has none.
 */
export class StartFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartFailure';
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}

/** The readable cause of any thrown value: its message, its inner errors and its cause. */
export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) {
    // Whatever was thrown, as String() shows it (a thrown plain object reads as such).
    if (error === undefined || error === null) return `${String(error)} was thrown (no error object)`;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return `${typeof error} thrown: ${oneLine(String(error))}`;
  }
  const code = (error as { code?: unknown }).code;
  let text = oneLine(error.message);
  if (!text && error instanceof AggregateError && error.errors.length > 0) {
    text = [...new Set(error.errors.map((inner) => causeOf(inner)))].join(' | ');
  }
  if (!text) text = `${error.name}${typeof code === 'string' ? ` ${code}` : ''} without a message`;
  if (error.cause !== undefined) text += ` (cause: ${causeOf(error.cause)})`;
  return text;
}

/** `step` says what was being done, e.g. "starting the embedded PostgreSQL". */
export function describeStartFailure(error: unknown, step: string): string {
  if (error instanceof StartFailure) return oneLine(error.message);
  return `${step} failed: ${causeOf(error)}`;
}
