import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'chenzhou-care' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
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
