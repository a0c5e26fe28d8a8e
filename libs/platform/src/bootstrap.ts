import { DynamicModule, INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ExpressAdapter } from '@nestjs/platform-express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pinoHttp } from 'pino-http';
import {
  checkAllConfig,
  ConfigError,
  contextFrom,
  inSpan,
  startTracing,
  createRootLogger,
  formatConfigProblem,
  HubConfig,
  HttpErrorFilter,
  Metrics,
  PinoNestLogger,
  StartupReport,
  withCorrelationId,
} from '@orderhub/common';
import { BusTransport, MessageBus } from '@orderhub/messaging';
import { assertDataDirFree, DataDirInUseError } from '@orderhub/persistence';
import { finishOpenApi } from '@orderhub/common';
import { securityHeaders } from './security-headers';

export interface BootstrapOptions {
  /** Consume bus topics in this process (hub, core). */
  consume: boolean;
  /** The service name in traces (orderhub-hub, orderhub-ingest, orderhub-core). */
  name?: string;
  /** Port 0 picks a free one (tests). */
  port?: number;
  /** Print the start-up report (URL, administrator, data); default: when the port comes from the config. */
  report?: boolean;
}

/** Largest text body (CSV imports); channel routes apply limits of their own. */
export const MAX_BODY = '64mb';

/** The one route that takes large text bodies (admin CSV import of master data). */
export const LARGE_TEXT_PATH = '/api/v1/master-data/import';

/** Routes that read their request stream themselves: no global parser may consume it first. */
export const RAW_BODY_PREFIXES = ['/webhooks/', '/api/v1/inbound/'];

/**
 * Creates and starts a Nest app the same way for every deployable: the port bound before anything slow (migrations,
 * seeding), pino logs, raw bodies kept (Shopify's HMAC is computed over the exact bytes), errors as coded JSON,
 * OpenAPI at /api/docs, graceful shutdown that stops consumers before the outbox's last flush, and a start-up
 * report a person can act on.
 */
export async function bootstrapApp(
  module: Type<unknown> | DynamicModule,
  config: HubConfig,
  options: BootstrapOptions,
): Promise<INestApplication> {
  const started = process.hrtime.bigint();
  // One process per embedded data directory: refused before anything else touches it.
  if (config.embeddedDatabase) assertDataDirFree(config.dataDir);
  startTracing({ serviceName: options.name ?? 'orderhub', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const root = createRootLogger({ level: config.HUB_LOG_LEVEL });
  const logger = new PinoNestLogger(root);
  // A port in use is known in milliseconds, before a migration runs or an administrator is created.
  const server = await bindPort(options.port ?? config.PORT);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(module, new PreboundExpressAdapter(server), {
      logger,
      bodyParser: false,
      abortOnError: false,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  // Security headers first, so that answers from the parsers (413, malformed JSON) carry them too.
  app.use(securityHeaders);
  // Every log line of a request carries its correlation id, parser refusals (413, malformed JSON) included: the caller's, when it sends one, else a new one.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const given = req.header('x-correlation-id') ?? req.header('x-request-id');
    const id = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Correlation-Id', id);
    withCorrelationId(id, next);
  });
  // One server span per request, in the caller's trace when it sends `traceparent`.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.path === '/health' || req.path === '/metrics') return next();
    void inSpan(
      `${req.method} ${req.path}`,
      'server',
      (span) =>
        new Promise<void>((resolve) => {
          res.once('close', () => {
            const route = (req.route as { path?: string } | undefined)?.path;
            if (route) span.updateName(`${req.method} ${route}`);
            span.setAttributes({
              'http.request.method': req.method,
              'http.response.status_code': res.statusCode,
              'url.path': req.path,
              ...(route ? { 'http.route': route } : {}),
            });
            resolve();
          });
          next();
        }),
      contextFrom(req.headers),
    );
  });
  app.use(
    pinoHttp({
      logger: root,
      genReqId: (_req, res) => String(res.getHeader('X-Correlation-Id') ?? ''),
      // The correlation id is on every line already (the logger's mixin).
      quietReqLogger: true,
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // A refused request is the caller's business (and the answer carries the code): info, like any other.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      Metrics.httpLatency.observe(
        { method: req.method, route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched', status: String(res.statusCode) },
        seconds,
      );
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

  const document = finishOpenApi(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('OrderHub API')
        .setDescription('The public contract of OrderHub: inbound channels, master data, orders, exceptions.')
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer')
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (options.consume) {
    app.connectMicroservice(
      {
        strategy: new BusTransport(app.get(MessageBus), {
          groupId: config.HUB_CONSUMER_GROUP,
          maxAttempts: config.HUB_MAX_ATTEMPTS,
          retryBackoffMs: config.HUB_RETRY_BACKOFF_MS,
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.init();
  // The bound server answered 503 while the app booted; from here on the app answers.
  server.removeAllListeners('request');
  server.on('request', app.getHttpAdapter().getInstance() as express.Express);
  const port = (server.address() as AddressInfo).port;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  Logger.log(`listening on :${port} (started in ${ms.toFixed(0)} ms)`, 'bootstrap');
  printStartupReport(config, port, app.get(StartupReport, { strict: false }).take(), options.report ?? options.port === undefined);
  return app;
}

/** The last lines of a start: where to go, who can sign in (on first start), where the data is. */
function printStartupReport(config: HubConfig, port: number, lines: string[], print: boolean): void {
  if (!print) return;
  const database = config.embeddedDatabase
    ? `embedded PostgreSQL in ${join(config.dataDir, 'db')}`
    : `PostgreSQL at ${safeUrl(config.DATABASE_URL ?? '')}`;
  const bus = config.embeddedBus ? 'in-process bus (durable in the database)' : `Kafka at ${config.KAFKA_BROKERS ?? ''}`;
  const out = [
    '',
    `OrderHub is ready: http://localhost:${port}/   (console; API docs /api/docs; /health; /metrics; PORT=${port})`,
    ...lines,
    `data: ${config.dataDir} (files); ${database}; ${bus}`,
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Listens on `port` at once, answering 503 until the app takes over; a port in use is a one-line boot error. */
function bindPort(port: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(JSON.stringify({ status: 'starting' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new ConfigError([
            { variable: 'PORT', message: `PORT=${port} is in use by another process`, example: String(port === 3000 ? 3001 : 3000) },
          ]),
        );
      } else if (error.code === 'EACCES') {
        reject(new ConfigError([{ variable: 'PORT', message: `PORT=${port} needs privileges this process lacks`, example: '3000' }]));
      } else reject(error);
    });
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}

/** Nest's Express adapter on a server that is already listening (see bindPort), instead of one made at listen(). */
class PreboundExpressAdapter extends ExpressAdapter {
  constructor(private readonly prebound: Server) {
    super(express());
  }

  override initHttpServer(): void {
    this.httpServer = this.prebound;
  }
}

/**
 * A deployable's `main`: every module's configuration is checked before anything starts, and a failed boot is
 * reported as one line per problem (config errors: `config error: PORT="abc" is not …; example: PORT=3000`) on
 * stderr, with exit code 78 (EX_CONFIG) for configuration and 1 for anything else.
 */
export function runMain(start: () => Promise<unknown>): void {
  const fail = (error: unknown): void => {
    if (error instanceof ConfigError) {
      process.stderr.write(error.problems.map(formatConfigProblem).join('\n') + '\n');
      process.exit(EXIT_CONFIG);
    }
    if (error instanceof DataDirInUseError) {
      process.stderr.write(error.message + '\n');
      process.exit(1);
    }
    const err = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(
      JSON.stringify({
        level: 'error',
        time: new Date().toISOString(),
        context: 'bootstrap',
        msg: `boot failed: ${err.message}`,
        stack: err.stack,
      }) + '\n',
    );
    process.exit(1);
  };
  try {
    checkAllConfig(process.env);
  } catch (error) {
    fail(error);
    return;
  }
  start().catch(fail);
}

/** sysexits' EX_CONFIG: what an orchestrator sees when the configuration, not the code, is at fault. */
export const EXIT_CONFIG = 78;
