import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `work` with a correlation id that every log line inside it carries. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return correlation.run({ correlationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}

/** One JSON object per line on stdout: level, time, context, message, correlation id and fields. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly minimum: Level = 'info',
    private readonly out: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

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

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < LEVELS[this.minimum]) return;
    // Nest passes the context as the last string argument; fields may come as an object.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields = rest.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !(r instanceof Error));
    const error = rest.find((r): r is Error => r instanceof Error) ?? (message instanceof Error ? message : undefined);
    const line: Record<string, unknown> = {
      level,
      time: new Date().toISOString(),
      context,
      msg: message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message),
      correlationId: currentCorrelationId(),
      ...fields,
    };
    if (error) line.err = { name: error.name, message: error.message, stack: error.stack?.split('\n').slice(0, 6).join('\n') };
    if (typeof rest[0] === 'string' && level === 'error' && !error) line.stack = rest[0];
    this.out(JSON.stringify(line));
  }
}
