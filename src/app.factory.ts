import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express from 'express';
import { AppModule, type RuntimeSettings } from './app.module.js';
import { AllExceptionsFilter } from './common/errors/http-exception.filter.js';
import { NestPinoLogger } from './common/logging.js';
import { requestLog } from './common/http/request-log.js';
import { securityHeaders } from './common/http/security-headers.js';
import { createValidationPipe } from './common/http/validation.js';

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
 * node_modules. Requests for /api/* and /health* skip it, and it answers only files that exist.
 */
function servePages(app: NestExpressApplication): void {
  const root = projectRoot();
  if (!root) return;
  app.useStaticAssets(path.join(root, 'node_modules', 'echarts', 'dist'), { prefix: '/vendor/echarts/', index: false });
  // API and health requests skip the pages' folder: no file lookups on the way to a route.
  const pages = express.static(path.join(root, 'web'), { extensions: ['html'], index: 'index.html', redirect: false });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    req.path.startsWith('/api/') || req.path.startsWith('/health') ? next() : pages(req, res, next),
  );
}

/** The application with everything a request passes through; main.ts and the e2e specs share it. */
export async function createApp(settings: RuntimeSettings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bodyParser: false,
    logger: new NestPinoLogger(settings.log),
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestLog(settings.log));
  app.use(
    securityHeaders({
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
  // The interactive docs map the whole API for a visitor: off in production unless API_DOCS=true.
  if (settings.config.apiDocs) SwaggerModule.setup('api/docs', app, buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
