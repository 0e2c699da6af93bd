import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Nothing personal in the logs (issue 14): ID numbers, phones, addresses, passwords and tokens
 * are taken out by key (query parameters, object fields) and by pattern (anywhere in a line), and
 * errors are logged by type, code and redacted message only, never with their query parameters.
 */
const SENSITIVE_KEYS = new Set(
  [
    'q',
    'idnumber',
    'id_number',
    'phone',
    'mobile',
    'address',
    'password',
    'token',
    'accesstoken',
    'refreshtoken',
    'code',
    'secret',
    'name',
    'username',
  ].map((k) => k.toLowerCase()),
);

const PATTERNS: [RegExp, string][] = [
  // Resident ID numbers: 17 digits and a digit or X (and the old 15-digit form).
  [/(?<![\w-])\d{17}[\dXx](?![\w-])/g, '[id-number]'],
  [/(?<![\w-])\d{15}(?![\w-])/g, '[id-number]'],
  // Mainland mobile numbers, with or without +86.
  [/(?<![\w-])(?:\+?86)?1[3-9]\d{9}(?![\w-])/g, '[phone]'],
  // JSON web tokens and bearer credentials.
  [/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[token]'],
  [/(bearer\s+)\S+/gi, '$1[token]'],
];

/** `text` with every ID number, mobile number and token replaced by a placeholder. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[^a-z_]/g, ''));
}

/** A request URL fit for the log: sensitive query parameters' values dropped, the rest redacted by pattern. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return redactText(url);
  const params = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      let key = rawKey;
      try {
        key = decodeURIComponent(rawKey);
      } catch {
        /* keep it encoded */
      }
      return eq >= 0 && isSensitiveKey(key) ? `${rawKey}=[redacted]` : pair;
    });
  return redactText(`${url.slice(0, at)}?${params.join('&')}`);
}

/** An error as the log keeps it: what failed and where, none of the values it carried (a pg error's parameters, detail, where). */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactText(String(error)) };
  const e = error as Error & { code?: unknown; constraint?: unknown; table?: unknown; driverError?: unknown };
  const inner =
    e.driverError instanceof Error ? (e.driverError as Error & { code?: unknown; constraint?: unknown; table?: unknown }) : undefined;
  return {
    type: e.name,
    message: redactText(e.message),
    code: e.code ?? inner?.code,
    constraint: e.constraint ?? inner?.constraint,
    table: e.table ?? inner?.table,
    stack: e.stack ? redactText(e.stack) : undefined,
  };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'chenzhou-care' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        ...['password', 'idNumber', 'phone', 'address', 'accessToken', 'refreshToken', 'token'].flatMap((k) => [k, `*.${k}`]),
      ],
      censor: '[redacted]',
    },
    serializers: { err: errorForLog, error: errorForLog },
    // The last net: whatever a line still carries that looks like an ID number, a phone or a token.
    hooks: { streamWrite: (line: string) => redactText(line) },
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

/** Lets Nest's own messages go through the same structured logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: unknown) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: unknown, context?: unknown) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: unknown) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: unknown) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: unknown) {
    this.pino.trace({ context }, String(message));
  }
}
