import { DynamicModule, INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HubConfig, HttpErrorFilter, JsonLogger, Metrics } from '@orderhub/common';
import { BusTransport, MessageBus } from '@orderhub/messaging';

export interface BootstrapOptions {
  /** Serve HTTP (hub, ingest) or not (core: only a health port). */
  http: boolean;
  /** Consume bus topics in this process (hub, core). */
  consume: boolean;
  port?: number;
}

/** Largest body any route accepts; channel routes apply tighter limits of their own. */
export const MAX_BODY = '64mb';

/**
 * Creates and starts a Nest app the same way for every deployable: JSON logs, raw bodies kept (Shopify's
 * HMAC is computed over the exact bytes), errors as coded JSON, OpenAPI at /api/docs, graceful shutdown
 * that stops consumers before the outbox's last flush.
 */
export async function bootstrapApp(module: Type<unknown> | DynamicModule, config: HubConfig, options: BootstrapOptions): Promise<INestApplication> {
  const started = process.hrtime.bigint();
  const logger = new JsonLogger(config.HUB_LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, rawBody: true, bodyParser: false });
  app.useBodyParser('json', { limit: MAX_BODY, type: ['application/json', 'application/*+json'] });
  app.useBodyParser('text', { limit: MAX_BODY, type: ['text/*', 'application/edi-x12', 'application/edi', 'application/x12'] });
  app.useBodyParser('raw', { limit: MAX_BODY, type: ['application/octet-stream', 'application/pdf'] });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.useGlobalFilters(new HttpErrorFilter());
  app.disable('x-powered-by');
  app.use((req: { method: string; route?: { path?: string }; path: string }, res: { on: (e: string, f: () => void) => void; statusCode: number; setHeader: (k: string, v: string) => void }, next: () => void) => {
    const start = process.hrtime.bigint();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      Metrics.httpLatency.observe({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }, seconds);
    });
    next();
  });
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
