import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import pinoPretty from 'pino-pretty';
import { currentTraceIds } from './tracing';

const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `work` with a correlation id that every log line inside it carries. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return correlation.run({ correlationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where secrets could appear in a log line's fields: request headers (pino-http), configuration objects, and
 * anything named like a credential. Their values print as "[redacted]".
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'req.headers["x-shopify-hmac-sha256"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'HUB_ADMIN_PASSWORD',
  '*.HUB_ADMIN_PASSWORD',
  'SHOPIFY_WEBHOOK_SECRETS',
  '*.SHOPIFY_WEBHOOK_SECRETS',
  'IMAP_PASSWORD',
  '*.IMAP_PASSWORD',
  'SMTP_PASSWORD',
  '*.SMTP_PASSWORD',
];

/** Nest's own start-up chatter (one line per module and per route): useful when debugging, noise otherwise. */
const DEBUG_CONTEXTS = new Set([
  'RouterExplorer',
  'RoutesResolver',
  'InstanceLoader',
  'NestFactory',
  'NestApplication',
  'NestMicroservice',
]);

export interface LoggerOptions {
  level?: LogLevel;
  /** Human-readable lines (pino-pretty); default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
}

/**
 * The process's one pino logger: JSON lines by default, pino-pretty on a terminal, secrets redacted, and every
 * line carrying the correlation id of the request or bus message it was written for.
 */
export function createRootLogger(options: LoggerOptions = {}): Pino {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY);
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const id = currentCorrelationId();
      const trace = currentTraceIds();
      return { ...(id === undefined ? {} : { correlationId: id }), ...(trace ? { traceId: trace.traceId } : {}) };
    },
  };
  if (pretty) {
    // Synchronous, in this thread: no worker to outlive the process, and lines interleave in order with stderr.
    const prettyStream = pinoPretty({
      destination: options.destination ?? 1,
      sync: true,
      colorize: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    });
    return pino(settings, prettyStream);
  }
  // process.stdout as Node has it: asynchronous on a pipe, so a slow reader never stalls request handling.
  return pino(settings, options.destination ?? process.stdout);
}

/** Nest's LoggerService on pino: Nest's context becomes a `context` field, and its start-up chatter goes to debug. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context as the last string argument; fields may come as an object, errors as an Error.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    // A failed boot is reported once, as one line, by the process's main (runMain), not as Nest's stack trace.
    if (context === 'ExceptionHandler' && message instanceof Error) return;
    const effective = context !== undefined && DEBUG_CONTEXTS.has(context) && level === 'info' ? 'debug' : level;
    if (!this.pino.isLevelEnabled(effective)) return;
    const fields = rest.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !(r instanceof Error));
    const error = rest.find((r): r is Error => r instanceof Error) ?? (message instanceof Error ? message : undefined);
    const line: Record<string, unknown> = { context, ...fields };
    if (error) line.err = error;
    // Nest's own `error(message, stack, context)`.
    if (typeof rest[0] === 'string' && level === 'error' && !error) line.stack = rest[0];
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    this.pino[effective](line, text);
  }
}
