import { readdirSync, lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * What must hold after every barrage of hostile input: the process answers, its memory stayed bounded, and
 * nothing it had already accepted is gone.
 */
export interface RssSampler {
  /** Highest resident set size seen since start (bytes). */
  readonly peak: number;
  stop(): number;
}

/** Samples process.memoryUsage().rss every `intervalMs` (unref'd: it never keeps a test alive). */
export function sampleRss(intervalMs = 100): RssSampler {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    get peak() {
      return Math.max(peak, process.memoryUsage().rss);
    },
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
  };
}

/** Every file (not directory) below `root`, as paths relative to it; symlinks are listed, not followed. */
export function filesBelow(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      const info = lstatSync(full);
      if (info.isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  walk(root);
  return out;
}

/** Files below `root` that are not inside `allowed` (a folder below root). */
export function filesOutside(root: string, allowed: string): string[] {
  const prefix = relative(root, allowed) + sep;
  return filesBelow(root).filter((f) => !f.startsWith(prefix));
}

export interface HostileOutcome {
  door: string;
  input: string;
  expected: string;
  observed: string;
  ok: boolean;
}

/** Collects what each hostile input led to, for the printed table (and the report). */
export class OutcomeTable {
  readonly rows: HostileOutcome[] = [];

  record(door: string, input: string, expected: string, observed: string, ok: boolean): void {
    this.rows.push({ door, input, expected, observed, ok });
  }

  /** Markdown table; repeated (door, expected, observed) rows of one mutation family are counted together. */
  toMarkdown(): string {
    const lines = ['| door | input | expected | observed | ok |', '| --- | --- | --- | --- | --- |'];
    for (const r of this.rows)
      lines.push(
        `| ${r.door} | ${r.input.replace(/\|/g, '\\|')} | ${r.expected} | ${r.observed.replace(/\|/g, '\\|')} | ${r.ok ? 'yes' : 'NO'} |`,
      );
    return lines.join('\n');
  }
}
