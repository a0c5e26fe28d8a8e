import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgHeaderAndTenLinesRate } from '../../bench/support/pg-reference';
import { audit, type AuditResult } from './lib/audit';
import { seededRandom } from '@orderhub/testing';
import type { Mix } from './lib/load';
import { plotSvg, toPng, writeCsv, type PlotEvent } from './lib/plot';
import { sleep } from './lib/processes';
import { percentile } from './lib/sampler';
import { Stack } from './lib/stack';

export interface CommonOptions {
  /** Documents per second offered (open loop). */
  rate: number;
  seconds: number;
  mix: Mix;
  seed: number;
  sampleSeconds: number;
  /** Hard deadline for the whole run, setup and teardown included. */
  deadlineSeconds: number;
  print?: (line: string) => void;
}

export interface SoakOptions extends CommonOptions {
  /** Rate search: how many steps (0: none), how long each, and the factor between them. */
  steps: number;
  stepSeconds: number;
  stepFactor: number;
  /** Rate of the first step (docs/s); default: the fixed rate. */
  stepStart?: number;
  pgSeconds: number;
}

export interface ChaosOptions extends CommonOptions {
  /** How long to wait after the load for the backlog to drain before the audit. */
  drainSeconds: number;
  /** Minimum number of faults; at least one of each kind is injected. */
  faults: number;
}

export interface PhaseStats {
  phase: string;
  rate: number;
  offeredOrders: number;
  acceptedOrders: number;
  acked: number;
  acksPerS: number;
  p50: number | null;
  p99: number | null;
  p999: number | null;
  sustained: boolean;
}

export interface RunReport {
  kind: 'soak' | 'chaos';
  text: string;
  artifacts: string;
  png: string | null;
  phases: PhaseStats[];
  highestSustainedRate: number | null;
  highestSustainedOrdersPerS: number | null;
  pgCeiling: number | null;
  faults: string[];
  audit: AuditResult | null;
  passed: boolean;
}

const fmt = (v: number | null, d = 0): string => (v === null || !Number.isFinite(v) ? (v === Infinity ? '∞' : '-') : v.toFixed(d));

/**
 * Latency over one phase: orders offered in it, counted as infinitely late when never acknowledged. Orders that
 * became exceptions have no acknowledgement by design and are left out.
 */
async function phaseStats(stack: Stack, phase: string, rate: number, seconds: number): Promise<PhaseStats> {
  const docs = stack.load.sent.filter((d) => d.phase === phase);
  const accepted = docs.filter((d) => d.accepted);
  const pos = accepted.flatMap((d) => d.poNumbers);
  const mids = accepted.filter((d) => d.channel === 'email').map((d) => d.key);
  const { rows } = await stack.pool.query<{ po: string }>(
    `SELECT po_number AS po FROM order_exception WHERE po_number = ANY($1)
     UNION SELECT $3::text || (r.metadata->>'messageId') FROM raw_document r JOIN order_exception e ON e.raw_document_id = r.id WHERE r.metadata->>'messageId' = ANY($2::text[])`,
    [pos, mids, 'mid:'],
  );
  const flagged = new Set(rows.map((r) => r.po));
  const expected = new Set(
    accepted
      .filter((d) => !(d.channel === 'email' && flagged.has(`mid:${d.key}`)))
      .flatMap((d) => d.poNumbers)
      .filter((po) => !flagged.has(po)),
  );
  const acks = stack.sampler.acks.filter((a) => expected.has(a.poNumber));
  const latencies = acks.map((a) => a.ackMs - a.receivedMs);
  const late = Math.max(0, expected.size - acks.length);
  const all = [...latencies, ...Array<number>(late).fill(Infinity)].sort((a, b) => a - b);
  const p99 = percentile(all, 0.99);
  return {
    phase,
    rate,
    offeredOrders: docs.reduce((n, d) => n + d.poNumbers.length, 0),
    acceptedOrders: expected.size,
    acked: acks.length,
    acksPerS: acks.length / seconds,
    p50: percentile(all, 0.5),
    p99,
    p999: percentile(all, 0.999),
    sustained: p99 !== null && p99 < 1000,
  };
}

async function withDeadline<T>(seconds: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`hard deadline of ${seconds} s reached`)), seconds * 1000);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function writeReport(
  stack: Stack,
  title: string,
  text: string[],
  events: PlotEvent[],
): Promise<{ png: string | null; lines: string[] }> {
  const svg = plotSvg(title, stack.sampler.samples, events);
  const svgPath = join(stack.artifacts, 'plot.svg');
  writeFileSync(svgPath, svg);
  writeCsv(join(stack.artifacts, 'samples.csv'), stack.sampler.samples);
  const pngPath = join(stack.artifacts, 'plot.png');
  const png = await toPng(svg, pngPath).catch((error: unknown) => ({ ok: false, reason: (error as Error).message.split('\n')[0] }));
  const lines = [
    ...text,
    png.ok ? `plot: ${pngPath}` : `plot: ${svgPath} (no PNG: ${png.reason})`,
    `samples: ${join(stack.artifacts, 'samples.csv')}; process logs: ${stack.artifacts}/{core,ingest}.log`,
  ];
  writeFileSync(join(stack.artifacts, 'report.txt'), lines.join('\n') + '\n');
  return { png: png.ok ? pngPath : null, lines };
}

/** The end of every run: the report (when sampling ran), the stack torn down, the report printed. */
async function finishRun(
  stack: Stack,
  title: string,
  text: string[],
  events: PlotEvent[],
  print: (line: string) => void,
): Promise<{ png: string | null; lines: string[] }> {
  const report = stack.sampler ? await writeReport(stack, title, text, events) : { png: null, lines: text };
  await stack.stop();
  for (const l of report.lines) print(l);
  return report;
}

function rssSummary(stack: Stack): string {
  const names = [...new Set(stack.sampler.samples.flatMap((s) => Object.keys(s.rss)))];
  return names
    .map((n) => {
      const v = stack.sampler.samples.map((s) => s.rss[n]).filter((x): x is number => x !== null);
      return v.length ? `${n} ${v[0].toFixed(0)}→${v[v.length - 1].toFixed(0)} (max ${Math.max(...v).toFixed(0)})` : `${n} -`;
    })
    .join(', ');
}

function phaseLine(p: PhaseStats): string {
  return `  ${p.phase.padEnd(5)} ${fmt(p.rate, 1).padStart(6)} docs/s  offered ${String(p.offeredOrders).padStart(6)} orders, acknowledged ${String(p.acked).padStart(6)}/${String(p.acceptedOrders).padEnd(6)} ${fmt(p.acksPerS, 1).padStart(7)} orders/s   p50 ${fmt(p.p50).padStart(6)} ms  p99 ${fmt(p.p99).padStart(6)} ms  p99.9 ${fmt(p.p999).padStart(6)} ms  ${p.sustained ? 'p99 < 1 s' : 'p99 ≥ 1 s'}`;
}

/**
 * npm run soak: the realistic mix at a fixed rate for a fixed time, then short steps of rising rate to find
 * the highest rate with p99 < 1 s, then PostgreSQL's own ceiling for the same transaction shape, measured in
 * the same run on the same database.
 */
export async function runSoak(options: SoakOptions): Promise<RunReport> {
  const print = options.print ?? ((l: string) => console.log(l));
  const stack = new Stack({
    kind: 'soak',
    privatePostgres: false,
    smallOutboundDisk: false,
    withEmail: options.mix.email > 0,
    seed: options.seed,
    sampleSeconds: options.sampleSeconds,
    print,
  });
  const phases: PhaseStats[] = [];
  let pgCeiling: number | null = null;
  let highest: PhaseStats | null = null;
  let auditResult: AuditResult | null = null;
  const notes: string[] = [];
  try {
    await withDeadline(options.deadlineSeconds, async () => {
      await stack.start();
      await stack.sampler.start(options.sampleSeconds);
      const mix = stack.imap ? options.mix : { ...options.mix, email: 0 };
      stack.sampler.phase = 'F';
      const fixedEnd = Date.now() + options.seconds * 1000;
      await stack.load.run({ rate: options.rate, seconds: options.seconds, mix, phase: 'F', retryUntil: fixedEnd + 30_000 });
      await stack.load.settle();
      const d = await stack.drain(45_000);
      if (!d.drained) notes.push(`fixed phase did not drain within 45 s: ${d.left}`);
      await stack.sampler.sample();
      phases.push(await phaseStats(stack, 'F', options.rate, options.seconds));
      let rate = options.rate;
      for (let k = 1; k <= options.steps; k++) {
        rate = k === 1 ? (options.stepStart ?? options.rate) : rate * options.stepFactor;
        const phase = `S${k}`;
        stack.sampler.phase = phase;
        await stack.load.run({
          rate,
          seconds: options.stepSeconds,
          mix,
          phase,
          retryUntil: Date.now() + options.stepSeconds * 1000 + 20_000,
        });
        await stack.load.settle();
        const drained = await stack.drain(30_000);
        await stack.sampler.sample();
        const stats = await phaseStats(stack, phase, rate, options.stepSeconds);
        phases.push(stats);
        print(phaseLine(stats));
        if (!stats.sustained || !drained.drained) break;
        highest = stats;
      }
      stack.sampler.phase = 'end';
      await stack.sampler.stop();
      auditResult = await audit({
        pool: stack.pool,
        sent: stack.load.sent,
        runTag: stack.runTag,
        outboundFolder: stack.disk.folder,
        deadLetters: await stack.lag.deadLetters().catch(() => ({})),
      });
      await stack.ingest.close();
      await stack.core.close();
      print(`PostgreSQL reference: 1 header + 10 lines per transaction, 8 clients, ${options.pgSeconds} s …`);
      pgCeiling = await pgHeaderAndTenLinesRate(stack.db.url, 8, options.pgSeconds);
    });
  } catch (error) {
    notes.push(`run aborted: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
  }
  const s = highest as PhaseStats | null;
  const a = auditResult as AuditResult | null;
  const text = [
    '',
    `== OrderHub soak report (${stack.runTag}) — ingest + core on ${stack.db?.describe ?? '?'}, Kafka ${stack.broker?.brokers ?? '?'}`,
    `mix (docs): ${Object.entries(options.mix)
      .map(([c, w]) => `${c}=${w}`)
      .join(' ')}${stack.imapSkipped ? ` (email left out: ${stack.imapSkipped})` : ''}; EDI interchanges carry 1–50 850s of 1–20 lines`,
    `fixed phase: ${options.rate} docs/s for ${options.seconds} s; latency = raw document received → 855 stored (EDI) / sales order acknowledged_at (others)`,
    ...phases.map(phaseLine),
    `highest rate sustained with p99 < 1 s: ${s ? `${fmt(s.rate, 1)} docs/s = ${fmt(s.acksPerS, 1)} orders/s acknowledged` : options.steps ? 'none of the steps (below the first)' : 'not searched (steps = 0)'}`,
    `PostgreSQL's ceiling, same run, same database (1 header + 10 lines per transaction, 8 clients): ${fmt(pgCeiling, 0)} tx/s${s && pgCeiling ? ` → OrderHub sustains ${((s.acksPerS / pgCeiling) * 100).toFixed(1)}% of it (${(pgCeiling / s.acksPerS).toFixed(1)}x below)` : ''}`,
    `RSS MiB first→last (max): ${rssSummary(stack)}`,
    `consumer lag / outbox at end: ${JSON.stringify(stack.sampler.samples.at(-1)?.consumerLag ?? {})} / ${stack.sampler.samples.at(-1)?.outboxUnpublished ?? '?'} unpublished`,
    ...(a
      ? ['audit:', ...a.lines.map((l) => `  ${l}`), ...a.failures.map((f) => `  FAIL ${f}`), ...a.warnings.map((w) => `  note ${w}`)]
      : []),
    ...notes.map((n) => `NOTE ${n}`),
  ];
  const { png, lines } = await finishRun(
    stack,
    `OrderHub soak ${stack.runTag}: offered ${options.rate} docs/s then steps ×${options.stepFactor}`,
    text,
    [],
    print,
  );
  return {
    kind: 'soak',
    text: lines.join('\n'),
    artifacts: stack.artifacts,
    png,
    phases,
    highestSustainedRate: s?.rate ?? null,
    highestSustainedOrdersPerS: s?.acksPerS ?? null,
    pgCeiling,
    faults: [],
    audit: a,
    passed: notes.every((n) => !n.startsWith('run aborted')) && phases.length > 0 && (a?.passed ?? false),
  };
}

type FaultKind = 'kill-core' | 'kill-ingest' | 'restart-kafka' | 'restart-postgres' | 'fill-disk' | 'drop-imap';

/**
 * npm run chaos: the same load while processes are SIGKILLed and restarted, the broker, PostgreSQL and Dovecot
 * restarted and the outbound disk filled; then the backlog drains and the audit says whether anything was lost,
 * doubled or skipped.
 */
export async function runChaos(options: ChaosOptions): Promise<RunReport> {
  const print = options.print ?? ((l: string) => console.log(l));
  const stack = new Stack({
    kind: 'chaos',
    privatePostgres: true,
    smallOutboundDisk: true,
    withEmail: options.mix.email > 0,
    seed: options.seed,
    sampleSeconds: options.sampleSeconds,
    print,
  });
  const rnd = seededRandom(options.seed ^ 0x5eed);
  const faults: string[] = [];
  const events: PlotEvent[] = [];
  const notes: string[] = [];
  let auditResult: AuditResult | null = null;
  let phase: PhaseStats | null = null;
  let resend = '';
  try {
    await withDeadline(options.deadlineSeconds, async () => {
      await stack.start();
      await stack.sampler.start(options.sampleSeconds);
      const mix = stack.imap ? options.mix : { ...options.mix, email: 0 };
      const kinds: FaultKind[] = [
        'kill-core',
        'kill-ingest',
        'restart-kafka',
        'restart-postgres',
        'fill-disk',
        ...(stack.imap ? (['drop-imap'] as const) : []),
      ];
      // Every kind once in a shuffled order, then more, mostly process kills, up to the wanted count.
      const plan: FaultKind[] = [...kinds].sort(() => rnd() - 0.5);
      const count = Math.max(options.faults, kinds.length, Math.round(options.seconds / 8));
      while (plan.length < count)
        plan.push(rnd() < 0.6 ? (rnd() < 0.5 ? 'kill-core' : 'kill-ingest') : kinds[Math.floor(rnd() * kinds.length)]);
      const loadStart = Date.now();
      const slot = (options.seconds * 0.8) / plan.length;
      const times = plan.map((_k, i) => options.seconds * 0.08 + i * slot + rnd() * slot * 0.5);
      stack.sampler.phase = 'C';
      const load = stack.load.run({
        rate: options.rate,
        seconds: options.seconds,
        mix,
        phase: 'C',
        retryUntil: loadStart + options.seconds * 1000 + 60_000,
      });
      const inject = async (): Promise<void> => {
        for (let i = 0; i < plan.length; i++) {
          const wait = loadStart + times[i] * 1000 - Date.now();
          if (wait > 0) await sleep(wait);
          const t = stack.sampler.elapsed();
          const at = ((Date.now() - loadStart) / 1000).toFixed(1);
          const started = Date.now();
          let what = '';
          switch (plan[i]) {
            case 'kill-core':
            case 'kill-ingest': {
              const proc = plan[i] === 'kill-core' ? stack.core : stack.ingest;
              const pid = proc.pid;
              await proc.kill('SIGKILL');
              const down = 300 + Math.floor(rnd() * 1700);
              await sleep(down);
              proc.start();
              what = `SIGKILL ${proc.name} (pid ${pid}), restarted after ${down} ms as pid ${proc.pid}`;
              break;
            }
            case 'restart-kafka':
              await stack.broker.restart();
              what = `Kafka broker restarted (kafka.sh restart), back after ${((Date.now() - started) / 1000).toFixed(1)} s`;
              break;
            case 'restart-postgres': {
              const down = 1000 + Math.floor(rnd() * 2000);
              await stack.db.restart!(down);
              what = `PostgreSQL crashed (pg_ctl stop -m immediate), down ${down} ms, back after ${((Date.now() - started) / 1000).toFixed(1)} s`;
              break;
            }
            case 'fill-disk': {
              const bytes = stack.disk.fill();
              const hold = 2000 + Math.floor(rnd() * 3000);
              await sleep(hold);
              stack.disk.free();
              what = stack.disk.mounted
                ? `outbound disk filled (${(bytes / 1048576).toFixed(1)} MiB filler) for ${hold} ms, then freed`
                : `outbound folder made read-only for ${hold} ms (${stack.disk.how})`;
              break;
            }
            case 'drop-imap': {
              const down = 1000 + Math.floor(rnd() * 2000);
              await stack.imap!.crash(down);
              what = `Dovecot SIGKILLed (IMAP connections dropped), restarted after ${down} ms`;
              break;
            }
          }
          const line = `t+${at}s ${what}`;
          faults.push(line);
          events.push({ t, label: plan[i] });
          stack.sampler.note(plan[i]);
          print(`FAULT ${line}`);
        }
      };
      await Promise.all([load, inject()]);
      // Whatever the faults left behind: both processes up and healthy before the drain.
      for (const proc of [stack.core, stack.ingest]) {
        proc.start();
        await proc
          .waitHealthy(120_000)
          .catch((error: unknown) => notes.push(`${proc.name} not healthy after the run: ${(error as Error).message.split('\n')[0]}`));
      }
      stack.sampler.phase = 'drain';
      await stack.load.settle();
      const d = await stack.drain(options.drainSeconds * 1000);
      print(d.drained ? `drained in ${d.seconds.toFixed(1)} s` : `not drained after ${d.seconds.toFixed(0)} s: ${d.left}`);
      if (!d.drained) notes.push(`not drained after ${d.seconds.toFixed(0)} s: ${d.left}`);
      resend = await resendFailed(stack);
      stack.sampler.phase = 'end';
      await stack.sampler.stop();
      phase = await phaseStats(stack, 'C', options.rate, options.seconds);
      auditResult = await audit({
        pool: stack.pool,
        sent: stack.load.sent,
        runTag: stack.runTag,
        outboundFolder: stack.disk.folder,
        deadLetters: await stack.lag.deadLetters().catch(() => ({})),
      });
    });
  } catch (error) {
    notes.push(`run aborted: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
  }
  const a = auditResult as AuditResult | null;
  const p = phase as PhaseStats | null;
  const passed = (a?.passed ?? false) && notes.every((n) => !n.startsWith('run aborted'));
  const text = [
    '',
    `== OrderHub chaos report (${stack.runTag}) — ingest + core on ${stack.db?.describe ?? '?'}, Kafka ${stack.broker?.brokers ?? '?'}`,
    `load: ${options.rate} docs/s for ${options.seconds} s, mix ${Object.entries(options.mix)
      .map(([c, w]) => `${c}=${w}`)
      .join(' ')}${stack.imapSkipped ? ` (email left out: ${stack.imapSkipped})` : ''}; outbound folder ${stack.disk?.how ?? '?'}`,
    `faults injected (${faults.length}):`,
    ...faults.map((f) => `  ${f}`),
    `process starts: core ${stack.core?.starts ?? 0}, ingest ${stack.ingest?.starts ?? 0}`,
    ...(p ? [phaseLine(p)] : []),
    `RSS MiB first→last (max): ${rssSummary(stack)}`,
    ...(resend ? [`re-send of undelivered documents after the run: ${resend}`] : []),
    ...(a
      ? [
          `AUDIT ${a.passed ? 'PASSED' : 'FAILED'}:`,
          ...a.lines.map((l) => `  ${l}`),
          ...a.failures.map((f) => `  FAIL ${f}`),
          ...a.warnings.map((w) => `  note ${w}`),
        ]
      : ['AUDIT not run']),
    ...notes.map((n) => `NOTE ${n}`),
    `result: ${passed ? 'PASS' : 'FAIL'}`,
  ];
  const { png, lines } = await finishRun(
    stack,
    `OrderHub chaos ${stack.runTag}: ${options.rate} docs/s, ${faults.length} faults`,
    text,
    events,
    print,
  );
  return {
    kind: 'chaos',
    text: lines.join('\n'),
    artifacts: stack.artifacts,
    png,
    phases: p ? [p] : [],
    highestSustainedRate: null,
    highestSustainedOrdersPerS: null,
    pgCeiling: null,
    faults,
    audit: a,
    passed,
  };
}

/** Documents the full disk kept from their folder: an operator re-sends them (POST /api/v1/documents/:id/resend on core). */
async function resendFailed(stack: Stack): Promise<string> {
  const { rows } = await stack.pool.query<{ id: string }>(
    `SELECT id FROM outbound_document WHERE status IN ('failed', 'pending') AND channel = 'edi'`,
  );
  if (rows.length === 0) return '';
  const login = await fetch(`${stack.core.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password: 'soak-admin-password' }),
  });
  const { token } = (await login.json()) as { token: string };
  const outcomes = new Map<string, number>();
  for (const { id } of rows) {
    const res = await fetch(`${stack.core.baseUrl}/api/v1/documents/${id}/resend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.text();
    const key = `${res.status} ${body.match(/"code":"([^"]+)"/)?.[1] ?? body.match(/"status":"([^"]+)"/)?.[1] ?? ''}`.trim();
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  return `${rows.length} document(s): ${[...outcomes].map(([k, n]) => `${k} ×${n}`).join(', ')}`;
}
