import { runChaos, runSoak } from '../../../tools/soak/soak-runner';
import { parseMix } from '../../../tools/soak/lib/load';

/**
 * Short runs of `npm run soak` and `npm run chaos` (tools/soak): the split deployment under the realistic mix on
 * its own Kafka broker, then with every process, the broker, PostgreSQL and Dovecot knocked over and the outbound
 * disk filled. The audit must pass and the reports must carry numbers.
 */
describe('soak and chaos (short runs)', () => {
  const lines: string[] = [];
  const print = (line: string): void => void lines.push(line);

  it('soak: a low rate for 20 s is acknowledged, with latency, lag, RSS and PostgreSQL ceiling reported', async () => {
    const report = await runSoak({
      rate: 2,
      seconds: 20,
      mix: parseMix('edi=4,shopify=3,phone=2,email=1'),
      steps: 0,
      stepSeconds: 5,
      stepFactor: 2,
      pgSeconds: 2,
      sampleSeconds: 2,
      seed: 11,
      deadlineSeconds: 150,
      print,
    });
    process.stdout.write(`${report.text}\n`);
    expect(report.audit?.failures).toEqual([]);
    expect(report.passed).toBe(true);
    const fixed = report.phases[0];
    expect(fixed.acked).toBeGreaterThan(0);
    expect(fixed.p50).not.toBeNull();
    expect(report.pgCeiling).toBeGreaterThan(0);
    expect(report.text).toMatch(/RSS MiB first→last \(max\): ingest \d+/);
  }, 170_000);

  it('chaos: core and ingest killed, broker, PostgreSQL and Dovecot restarted, disk filled; the audit passes', async () => {
    const report = await runChaos({
      rate: 2,
      seconds: 40,
      mix: parseMix('edi=4,shopify=3,phone=2,email=1'),
      faults: 6,
      drainSeconds: 60,
      sampleSeconds: 2,
      seed: 5,
      deadlineSeconds: 170,
      print,
    });
    process.stdout.write(`${report.text}\n`);
    for (const kind of ['SIGKILL core', 'SIGKILL ingest', 'Kafka broker restarted', 'PostgreSQL crashed'])
      expect(report.faults.join('\n')).toContain(kind);
    expect(report.audit?.failures).toEqual([]);
    expect(report.passed).toBe(true);
  }, 190_000);
});
