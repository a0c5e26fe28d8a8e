/**
 * npm run chaos — the soak's load on the split deployment while core and ingest are SIGKILLed and restarted,
 * the Kafka broker (its own), PostgreSQL (its own instance) and Dovecot are restarted and the outbound disk is
 * filled; then an audit of the database, the raw-document store and the outbound folder. Exit 0 on pass, 1 on fail.
 * Options (argument or env CHAOS_*): --rate (docs/s, 4), --seconds (120), --mix, --faults (minimum, 12),
 * --drain-seconds (120), --sample-seconds (3), --seed (1), --deadline-seconds (900).
 */
import { runChaos } from './soak-runner';
import { cliOptions } from './lib/cli-options';

async function main(): Promise<void> {
  const { num, mix } = cliOptions('CHAOS');
  const report = await runChaos({
    rate: num('rate', 4),
    seconds: num('seconds', 120),
    mix,
    faults: num('faults', 12),
    drainSeconds: num('drain-seconds', 120),
    sampleSeconds: num('sample-seconds', 3),
    seed: num('seed', Date.now() % 100000),
    deadlineSeconds: num('deadline-seconds', 900),
  });
  process.exit(report.passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
