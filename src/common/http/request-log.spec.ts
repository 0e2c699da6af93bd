import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { requestLog } from './request-log.js';
import { securityHeaders } from './security-headers.js';

function appWithLog(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(log));
  app.use(securityHeaders({}));
  app.get('/thing', (req, res) => void res.status(201).json({ id: (req as { id?: string }).id }));
  app.get('/broken', (_req, res) => void res.status(503).json({}));
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  return { app, lines };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('requestLog', () => {
  it('echoes a sane X-Request-Id, makes one otherwise, and logs one line per request', async () => {
    const { app, lines } = appWithLog();
    const given = await request(app).get('/thing?x=1').set('X-Request-Id', 'abc-123').expect(201);
    expect(given.headers['x-request-id']).toBe('abc-123');
    expect(given.body.id).toBe('abc-123');
    const made = await request(app).get('/thing').set('X-Request-Id', 'no spaces allowed').expect(201);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await settle();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: 'abc-123',
      method: 'GET',
      url: '/thing?x=1',
      statusCode: 201,
    });
    expect(typeof lines[0].responseTime).toBe('number');
  });

  it('logs server failures as errors, skips /health, and writes nothing below its level', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/broken').expect(503);
    await request(app).get('/health').expect(200);
    await settle();
    expect(lines.map((l) => [l.level, l.statusCode])).toEqual([[50, 503]]);

    const quiet = appWithLog('warn');
    await request(quiet.app).get('/thing').expect(201);
    await settle();
    expect(quiet.lines).toEqual([]);
  });
});

describe('securityHeaders', () => {
  it('sets helmet’s headers on every response', async () => {
    const { app } = appWithLog();
    for (let i = 0; i < 2; i++) {
      const res = await request(app).get('/thing').expect(201);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
