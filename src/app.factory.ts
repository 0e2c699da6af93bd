import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppModule, type RuntimeSettings } from './app.module.js';
import { AllExceptionsFilter } from './common/errors/http-exception.filter.js';
import { NestPinoLogger } from './common/logging.js';
import { createValidationPipe } from './common/http/validation.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Chenzhou elderly-care service network')
    .setDescription('Orders for meal, cleaning, mobility and medical help; rosters, assignment, visits and reports.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The pages' folder, web/ at the project root: one level up from src/ (ts-jest) or two from dist/src/ (the build). */
function projectRoot(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.resolve(here, '..'), path.resolve(here, '..', '..')].find((dir) => existsSync(path.join(dir, 'web', 'index.html'))) ?? null;
}

/**
 * The web pages as static files at / (`/senior` serves web/senior.html) and the chart library from
 * node_modules. Static serving only answers files that exist, so /api/* and /health* fall through.
 */
function servePages(app: NestExpressApplication): void {
  const root = projectRoot();
  if (!root) return;
  app.useStaticAssets(path.join(root, 'node_modules', 'echarts', 'dist'), { prefix: '/vendor/echarts/', index: false });
  app.useStaticAssets(path.join(root, 'web'), { extensions: ['html'], index: 'index.html', redirect: false });
}

/** The application with everything a request passes through; main.ts and the e2e specs share it. */
export async function createApp(settings: RuntimeSettings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bodyParser: false,
    logger: new NestPinoLogger(settings.log),
  });
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: settings.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // A refused request is the client's business: info, like a served one; only our failures are errors.
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use(
    helmet({
      // The interactive API docs page needs its inline scripts and styles.
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] } },
    }),
  );
  servePages(app);
  app.use(express.json({ limit: settings.config.bodyLimitBytes }));
  app.use(express.urlencoded({ extended: false, limit: settings.config.bodyLimitBytes }));
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(settings.log));
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
