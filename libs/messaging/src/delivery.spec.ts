import { deliver, isInfrastructureOutage } from './delivery';
import { BusMessage, ConsumedMessage, PoisonMessageError } from './ports';

const message: ConsumedMessage = { topic: 't', key: 'k', value: '{}', partition: 0, offset: '7', attempt: 0 };
const policy = { maxAttempts: 3, retryBackoffMs: 1 };

describe('delivering a message to its handler', () => {
  it('keeps waiting through a database outage without spending the message’s attempts or dead-lettering it', async () => {
    let calls = 0;
    const dead: BusMessage[] = [];
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const result = await deliver(
      message,
      async () => {
        calls++;
        if (calls <= 6) throw outage; // longer than maxAttempts
      },
      policy,
      async (m) => void dead.push(m),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(7);
    expect(dead).toEqual([]);
  });

  it('still dead-letters a message whose handler keeps failing for its own reasons', async () => {
    const dead: BusMessage[] = [];
    const result = await deliver(
      message,
      async () => Promise.reject(new Error('customer row locked')),
      policy,
      async (m) => void dead.push(m),
    );
    expect(result).toBe('dead-lettered');
    expect(dead[0].headers?.['x-dlq-code']).toBe('BUS.RETRIES_EXHAUSTED');
  });

  it('recognises outages by SQLSTATE class and driver messages, wrapped or not', () => {
    expect(isInfrastructureOutage({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isInfrastructureOutage({ name: 'QueryFailedError', driverError: { code: '08006' } })).toBe(true);
    expect(isInfrastructureOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isInfrastructureOutage({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBe(false);
    expect(isInfrastructureOutage(new PoisonMessageError('BUS.INVALID_PAYLOAD', 'bad'))).toBe(false);
  });
});
