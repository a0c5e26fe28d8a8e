import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { PdfTextExtractor } from '../application/pdf-text.extractor';
import type { PdfErrorCode, PdfTextPage, PdfTextResult } from '../domain/pdf-text';

export interface PdfSandboxOptions {
  /** Child processes kept warm; forking costs ~100 ms, so a pool pays off beyond a handful of PDFs. */
  poolSize: number;
  /** Wall clock per PDF; the child is killed (SIGKILL) when it expires. */
  timeoutMs: number;
  /** V8 old-space limit of each child: a decompression bomb dies there, not in the hub. */
  maxMemoryMb: number;
  /** Larger inputs are refused before any parsing. */
  maxBytes: number;
  maxPages: number;
  /** Cap on positioned text runs for the whole document (bounds IPC payload and layout work). */
  maxItems: number;
  /** Collect positioned text runs (needed by the extractor). */
  positions: boolean;
  /** A child is recycled after this many PDFs, so slow leaks in pdf.js never accumulate. */
  maxJobsPerWorker: number;
  /** Override where the worker script lives (e.g. when running from a compiled dist/ that does not copy .js). */
  workerPath: string;
  /**
   * Pages with no text layer (scans) are OCR'd with Tesseract in the same child; null turns it off. `timeoutMs`
   * replaces the deadline once OCR starts (seconds a page on this hardware).
   */
  ocr: { maxPages: number; dpi: number; languages: string; timeoutMs: number } | null;
}

export const DEFAULT_PDF_SANDBOX_OPTIONS: PdfSandboxOptions = {
  poolSize: Math.max(1, Math.min(2, cpus().length)),
  timeoutMs: 15_000,
  maxMemoryMb: 256,
  maxBytes: 20 * 1024 * 1024,
  maxPages: 50,
  maxItems: 200_000,
  positions: true,
  maxJobsPerWorker: 200,
  workerPath: join(__dirname, 'pdf-text.worker.js'),
  ocr: { maxPages: 3, dpi: 200, languages: 'eng+deu+fra+spa+nld', timeoutMs: 90_000 },
};

/** The few variables a plain Node child needs (locale, time zone, temp dir); nothing secret is passed on. */
const SANDBOX_ENV_KEYS = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_ENV'] as const;

export function sandboxEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const key of SANDBOX_ENV_KEYS) if (env[key] !== undefined) kept[key] = env[key];
  return kept;
}

interface Job {
  id: number;
  data: Uint8Array;
  started: number;
  resolve: (result: PdfTextResult) => void;
}

type WorkerReply =
  | { type: 'ready' }
  | { type: 'ocr-started'; id: number }
  | { type: 'result'; id: number; ok: true; pages: PdfTextPage[]; ocr?: boolean }
  | { type: 'result'; id: number; ok: false; code: PdfErrorCode; message: string };

class SandboxWorker {
  readonly child: ChildProcess;
  job: Job | null = null;
  jobsDone = 0;
  dead = false;
  private timer: NodeJS.Timeout | null = null;
  private stderrTail = '';

  constructor(
    private readonly options: PdfSandboxOptions,
    private readonly onIdle: (worker: SandboxWorker) => void,
    private readonly onDead: (worker: SandboxWorker) => void,
  ) {
    this.child = fork(options.workerPath, [], {
      execArgv: [`--max-old-space-size=${options.maxMemoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Not the hub's environment: it holds DATABASE_URL, IMAP/SMTP passwords and webhook secrets, and this
      // process parses hostile PDFs. Should pdf.js ever be exploited, there is nothing here worth stealing.
      env: sandboxEnvironment(process.env),
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    this.child.on('message', (msg: WorkerReply) => this.onMessage(msg));
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
    this.child.on('error', () => this.kill());
  }

  run(job: Job): void {
    this.job = job;
    this.arm(job, this.options.timeoutMs);
    this.child.send({
      type: 'extract',
      id: job.id,
      data: job.data,
      maxPages: this.options.maxPages,
      maxItems: this.options.maxItems,
      positions: this.options.positions,
      ocr: this.options.ocr,
    });
  }

  private arm(job: Job, ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.finish({ ok: false, code: 'PDF.TIMEOUT', message: `no result within ${ms} ms`, elapsedMs: Date.now() - job.started });
      this.kill();
    }, ms);
  }

  kill(): void {
    if (!this.dead) this.child.kill('SIGKILL');
    this.markDead();
  }

  private onMessage(msg: WorkerReply): void {
    if (msg.type === 'ocr-started' && this.job && msg.id === this.job.id && this.options.ocr) {
      this.arm(this.job, this.options.ocr.timeoutMs);
      return;
    }
    if (msg.type !== 'result' || !this.job || msg.id !== this.job.id) return;
    const elapsedMs = Date.now() - this.job.started;
    this.finish(
      msg.ok
        ? { ok: true, pages: msg.pages, elapsedMs, ...(msg.ocr ? { ocr: true } : {}) }
        : { ok: false, code: msg.code, message: msg.message, elapsedMs },
    );
    this.jobsDone += 1;
    if (this.jobsDone >= this.options.maxJobsPerWorker) this.kill();
    else this.onIdle(this);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.job) {
      const oom = /heap out of memory|Allocation failed/i.test(this.stderrTail);
      this.finish({
        ok: false,
        code: 'PDF.WORKER_CRASHED',
        message: oom ? `out of memory (limit ${this.options.maxMemoryMb} MB)` : `worker exited (code ${code}, signal ${signal})`,
        elapsedMs: Date.now() - this.job.started,
      });
    }
    this.markDead();
  }

  private finish(result: PdfTextResult): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.job;
    this.job = null;
    job?.resolve(result);
  }

  private markDead(): void {
    if (this.dead) return;
    this.dead = true;
    this.onDead(this);
  }
}

/**
 * Pool of child processes running `pdf-text.worker.js`. Every failure mode of a PDF (encrypted, corrupt, no text,
 * oversized, hanging, crashing the child) comes back as a coded result; `extract` never rejects.
 */
export class SandboxedPdfTextExtractor extends PdfTextExtractor {
  private readonly options: PdfSandboxOptions;
  private readonly idle: SandboxWorker[] = [];
  private readonly all = new Set<SandboxWorker>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: Partial<PdfSandboxOptions> = {}) {
    super();
    this.options = { ...DEFAULT_PDF_SANDBOX_OPTIONS, ...options };
  }

  extract(pdf: Buffer): Promise<PdfTextResult> {
    if (this.closed) return Promise.resolve({ ok: false, code: 'PDF.WORKER_CRASHED', message: 'extractor closed', elapsedMs: 0 });
    if (pdf.length > this.options.maxBytes) {
      return Promise.resolve({
        ok: false,
        code: 'PDF.TOO_LARGE',
        message: `${pdf.length} bytes exceeds ${this.options.maxBytes}`,
        elapsedMs: 0,
      });
    }
    return new Promise((resolve) => {
      // A copy: the IPC layer must own its bytes, and callers keep their Buffer untouched.
      this.queue.push({ id: this.nextId++, data: new Uint8Array(pdf), started: Date.now(), resolve });
      this.dispatch();
    });
  }

  /** Starts the children ahead of the first PDF (optional; they are forked lazily otherwise). */
  warmUp(): void {
    while (this.all.size < this.options.poolSize) this.idle.push(this.spawn());
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.resolve({ ok: false, code: 'PDF.WORKER_CRASHED', message: 'extractor closed', elapsedMs: 0 });
    }
    const exits = [...this.all].map(
      (w) =>
        new Promise<void>((resolve) =>
          w.child.exitCode !== null || w.child.signalCode !== null ? resolve() : w.child.once('exit', () => resolve()),
        ),
    );
    for (const worker of [...this.all]) worker.kill();
    await Promise.all(exits);
  }

  private spawn(): SandboxWorker {
    const worker = new SandboxWorker(
      this.options,
      (w) => {
        this.idle.push(w);
        this.dispatch();
      },
      (w) => {
        this.all.delete(w);
        const at = this.idle.indexOf(w);
        if (at >= 0) this.idle.splice(at, 1);
        this.dispatch();
      },
    );
    this.all.add(worker);
    return worker;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let worker = this.idle.pop();
      if (!worker && this.all.size < this.options.poolSize) worker = this.spawn();
      if (!worker) return;
      if (worker.dead) continue;
      worker.run(this.queue.shift()!);
    }
  }
}
