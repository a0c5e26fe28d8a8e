import { Writable } from 'node:stream';
import { createRootLogger, PinoNestLogger, withCorrelationId } from './logger';

function capture(level: 'debug' | 'info' = 'info', pretty = false) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = new PinoNestLogger(createRootLogger({ level, destination, pretty }));
  return { lines, logger, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logs on pino', () => {
  it('are one JSON object per line with level, time, context and the correlation id of the request', () => {
    const { logger, json } = capture();
    withCorrelationId('req-42', () => logger.log('order raised', { orderId: 'o-1' }, 'orders'));
    expect(json()).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'orders',
        msg: 'order raised',
        orderId: 'o-1',
        correlationId: 'req-42',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('redact passwords, tokens, API keys and credentials in headers', () => {
    const { logger, lines } = capture();
    logger.warn(
      'login attempt',
      { password: 'hunter2-password', user: { token: 'tok-secret' }, DATABASE_URL: 'postgres://u:pw@h/db' },
      'auth',
    );
    expect(lines.join('\n')).not.toMatch(/hunter2|tok-secret|pw@h/);
    expect(lines[0]).toContain('[redacted]');
  });

  it("put Nest's route mappings at debug, so a start is a few lines", () => {
    const quiet = capture('info');
    quiet.logger.log('Mapped {/api/v1/orders, GET} route', 'RouterExplorer');
    expect(quiet.lines).toEqual([]);
    const verbose = capture('debug');
    verbose.logger.log('Mapped {/api/v1/orders, GET} route', 'RouterExplorer');
    expect(verbose.json()).toEqual([expect.objectContaining({ level: 'debug', msg: 'Mapped {/api/v1/orders, GET} route' })]);
  });

  it('keep errors with their stack', () => {
    const { logger, json } = capture();
    logger.error('relay failed', new Error('broker down'), 'outbox');
    expect(json()[0]).toMatchObject({
      level: 'error',
      context: 'outbox',
      err: { message: 'broker down', stack: expect.stringContaining('Error: broker down') },
    });
  });

  it('read as text lines on a terminal (pino-pretty)', () => {
    const { lines, logger } = capture('info', true);
    logger.log('listening on :3000', 'bootstrap');
    expect(lines.join('\n')).toMatch(/INFO.*listening on :3000/);
  });
});
