import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import compression from 'compression';
import express from 'express';
import { AppModule, type RuntimeSettings } from './app.module.js';
import { PUBLIC_KEY, ROLES_KEY } from './common/auth/decorators.js';
import { AllExceptionsFilter } from './common/errors/http-exception.filter.js';
import { NestPinoLogger } from './common/logging.js';
import { ErrorResponse } from './common/http/error-response.dto.js';
import { completeDocument, type RouteAccess } from './common/http/openapi-document.js';
import { requestLog } from './common/http/request-log.js';
import { securityHeaders } from './common/http/security-headers.js';
import { createValidationPipe } from './common/http/validation.js';

/** Who may use each route, by its operationId (Controller_method), read as the auth guard reads it. */
function routeAccess(app: NestExpressApplication): Map<string, RouteAccess> {
  const reflector = new Reflector();
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const targets = [handler, controller];
        access.set(`${controller.name}_${name}`, {
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
          roles: reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets),
        });
      }
    }
  }
  return access;
}

export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Chenzhou elderly-care service network')
    .setDescription('Orders for meal, cleaning, mobility and medical help; rosters, assignment, visits and reports.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponse],
    operationIdFactory: (controller, method) => `${controller}_${method}`,
  });
  const access = routeAccess(app);
  return completeDocument(document, (operationId) => access.get(operationId));
}

/** The pages' folder, web/ at the project root: one level up from src/ (ts-jest) or two from dist/src/ (the build). */
function projectRoot(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.resolve(here, '..'), path.resolve(here, '..', '..')].find((dir) => existsSync(path.join(dir, 'web', 'index.html'))) ?? null;
}

/** The chart library changes only with the package: a week in the browser's cache, then revalidated by ETag. */
const VENDOR_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * The web pages as static files at / (`/senior` serves web/senior.html) and the chart library from
 * node_modules. Requests for /api/* and /health* skip it, and it answers only files that exist.
 * Pages, scripts and styles are revalidated on each load (Cache-Control: no-cache with an ETag, so an
 * unchanged file costs a 304 and a deploy is seen at once); the chart library is cached for a week.
 */
function servePages(app: NestExpressApplication): void {
  const root = projectRoot();
  if (!root) return;
  app.useStaticAssets(path.join(root, 'node_modules', 'echarts', 'dist'), {
    prefix: '/vendor/echarts/',
    index: false,
    etag: true,
    maxAge: VENDOR_MAX_AGE_MS,
  });
  // API and health requests skip the pages' folder: no file lookups on the way to a route.
  const pages = express.static(path.join(root, 'web'), {
    extensions: ['html'],
    index: 'index.html',
    redirect: false,
    etag: true,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/health')) next();
    else pages(req, res, next);
  });
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
  // gzip for pages, scripts, the chart library and JSON (the default threshold leaves tiny answers alone);
  // never for a stream, which must reach the client as it is written.
  app.use(
    compression({
      filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
    }),
  );
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
