import { randomUUID } from 'node:crypto';
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
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use(
    helmet({
      // The interactive API docs page needs its inline scripts and styles.
      contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] } },
    }),
  );
  app.use(express.json({ limit: settings.config.bodyLimitBytes }));
  app.use(express.urlencoded({ extended: false, limit: settings.config.bodyLimitBytes }));
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(settings.log));
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
