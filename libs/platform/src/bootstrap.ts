import { DynamicModule, INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { HubConfig, HttpErrorFilter, JsonLogger, Metrics, withCorrelationId } from '@orderhub/common';
import { BusTransport, MessageBus } from '@orderhub/messaging';
import { assertDataDirFree } from '@orderhub/persistence';
import { securityHeaders } from './security-headers';

export interface BootstrapOptions {
  /** Consume bus topics in this process (hub, core). */
  consume: boolean;
  port?: number;
}

/** Largest text body (CSV imports); channel routes apply limits of their own. */
export const MAX_BODY = '64mb';

/** The one route that takes large text bodies (admin CSV import of master data). */
export const LARGE_TEXT_PATH = '/api/v1/master-data/import';

/** Routes that read their request stream themselves: no global parser may consume it first. */
export const RAW_BODY_PREFIXES = ['/webhooks/', '/api/v1/inbound/'];

/**
 * Creates and starts a Nest app the same way for every deployable: JSON logs, raw bodies kept (Shopify's
 * HMAC is computed over the exact bytes), errors as coded JSON, OpenAPI at /api/docs, graceful shutdown
 * that stops consumers before the outbox's last flush.
 */
export async function bootstrapApp(module: Type<unknown> | DynamicModule, config: HubConfig, options: BootstrapOptions): Promise<INestApplication> {
  const started = process.hrtime.bigint();
  if (config.embeddedDatabase) assertDataDirFree(config.dataDir);
  const logger = new JsonLogger(config.HUB_LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  // Security headers first, so that answers from the parsers (413, malformed JSON) carry them too.
  app.use(securityHeaders);
  // Every log line of a request carries its correlation id, parser refusals (413, malformed JSON) included: the caller's, when it sends one, else a new one.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const given = req.header('x-correlation-id') ?? req.header('x-request-id');
    const id = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Correlation-Id', id);
    withCorrelationId(id, next);
  });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      Metrics.httpLatency.observe({ method: req.method, route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched', status: String(res.statusCode) }, seconds);
    });
    next();
  });
  // Channel doors read their own raw bytes (HMACs, EDI streams) with their own limits; everything else is JSON.
  // Parsers run before the session guard, so an anonymous caller can make the hub buffer up to a parser's limit:
  // only the admin CSV import gets the large text limit, every other route a small one.
  const json = express.json({ limit: '2mb', type: ['application/json', 'application/*+json'] });
  const urlencoded = express.urlencoded({ limit: '1mb', extended: false });
  const importText = express.text({ limit: MAX_BODY, type: ['text/csv', 'text/plain'] });
  const smallText = express.text({ limit: '1mb', type: ['text/csv', 'text/plain'] });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (RAW_BODY_PREFIXES.some((p) => req.path.startsWith(p))) return next();
    const parsers = [json, req.path === LARGE_TEXT_PATH ? importText : smallText, urlencoded];
    let i = 0;
    const step = (err?: unknown): void => (err || i >= parsers.length ? next(err) : parsers[i++](req, res, step));
    step();
  });
  app.useGlobalFilters(new HttpErrorFilter());
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OrderHub API')
      .setDescription('The public contract of OrderHub: inbound channels, master data, orders, exceptions.')
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', name: 'X-Api-Key', in: 'header' }, 'partner-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (options.consume) {
    app.connectMicroservice(
      { strategy: new BusTransport(app.get(MessageBus), { groupId: config.HUB_CONSUMER_GROUP, maxAttempts: config.HUB_MAX_ATTEMPTS, retryBackoffMs: config.HUB_RETRY_BACKOFF_MS }) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(options.port ?? config.PORT, '0.0.0.0');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  Logger.log(`listening on :${(app.getHttpServer().address() as { port: number }).port} (started in ${ms.toFixed(0)} ms)`, 'bootstrap');
  return app;
}
