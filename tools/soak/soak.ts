/**
 * npm run soak — OrderHub's split deployment (ingest + core) on PostgreSQL and a Kafka broker of its own, under
 * a realistic mix (X12 interchanges of 1–50 850s, signed Shopify webhooks, phone orders, emailed PDFs) at a
 * fixed offered rate, then rising steps to find the highest rate with p99 < 1 s, beside PostgreSQL's ceiling.
 * Options (argument or env): --rate (SOAK_RATE docs/s, 5), --seconds (60), --mix (edi=4,shopify=3,phone=2,email=1),
 * --steps (6), --step-seconds (15), --step-factor (1.6), --step-start (1 doc/s), --pg-seconds (8), --sample-seconds (3), --seed (1),
 * --deadline-seconds (900). Writes report.txt, samples.csv and plot.png under artifacts/soak/.
 */
import { runSoak } from './soak-runner';
import { cliOptions } from './lib/cli-options';

async function main(): Promise<void> {
  const { num, mix } = cliOptions('SOAK');
  const report = await runSoak({
    rate: num('rate', 5),
    seconds: num('seconds', 60),
    mix,
    steps: num('steps', 6),
    stepSeconds: num('step-seconds', 15),
    stepFactor: num('step-factor', 1.6),
    stepStart: num('step-start', 1),
    pgSeconds: num('pg-seconds', 8),
    sampleSeconds: num('sample-seconds', 3),
    seed: num('seed', 1),
    deadlineSeconds: num('deadline-seconds', 900),
  });
  process.exit(report.passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
