import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The public sample corpus lives in ../shared/corpus beside the project and is never copied in.
 * Where it is absent, corpus tests say so and skip (never silently).
 */
export const CORPUS_DIR = resolve(__dirname, '../../../../shared/corpus');

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

export function corpusPath(...parts: string[]): string {
  return join(CORPUS_DIR, ...parts);
}

/** All files below a corpus folder, recursively, as paths relative to CORPUS_DIR. */
export function corpusFiles(folder: string, filter: (name: string) => boolean = () => true): string[] {
  const base = corpusPath(folder);
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const relName = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, relName);
      else if (filter(name)) out.push(`${folder}/${relName}`);
    }
  };
  walk(base, '');
  return out;
}

/**
 * `describe` for corpus suites: runs them when the corpus is there, and otherwise registers one skipped
 * test whose name carries the reason, plus a console line, so the skip is visible in any reporter.
 */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusAvailable()) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    console.warn(`SKIPPED ${name}: corpus folder ${CORPUS_DIR} is absent (it lives in ../shared/corpus beside the project)`);
    it.skip(`skipped: ${CORPUS_DIR} is absent`, () => undefined);
  });
}
