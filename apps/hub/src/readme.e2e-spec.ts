import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * The README, taken at its word: a fresh clone of this repository (its committed HEAD) beside ../shared, the
 * README's install and start lines, then every walkthrough block run as is, and all of it twice on the same data.
 */
const repo = join(__dirname, '../../..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

/** The first bash block: `npm install && <start>`, then `npm install && npm test`. */
function quickStart(): { install: string; start: string; test: string } {
  const block = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const [run, test] = block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
  const [install, start] = run.split(' && ');
  return { install, start, test };
}

function walkthroughs(): { title: string; script: string }[] {
  const section = readme.slice(readme.indexOf('## Walkthroughs'), readme.indexOf('\n## ', readme.indexOf('## Walkthroughs') + 3));
  return [...section.matchAll(/### ([^\n]+)\n[\s\S]*?```bash\n([\s\S]*?)```/g)].map((m) => ({ title: m[1], script: m[2] }));
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    }),
  );
}

/** What a person's shell has: no test-runner variables (KAFKA_BROKERS, NODE_OPTIONS) leak into the clone. */
function shellEnv(port: number): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', PORT: String(port) };
}

function startHub(cwd: string, line: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn('bash', ['-c', line], { cwd, env: shellEnv(port), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/^data: /m.test(out)) {
        clearInterval(timer);
        resolve({ child, output: () => out });
      }
    }, 200);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the start line exited (${code}):\n${out}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

function runBlock(cwd: string, script: string, port: number): { code: number; output: string } {
  try {
    const output = execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: shellEnv(port),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}\n${e.stderr}` };
  }
}

describe('the README, verbatim, on a fresh clone', () => {
  let clone: string;
  beforeAll(() => {
    // Beside ../shared, as CI's clone is: the README may refer to ../shared.
    clone = mkdtempSync(join(dirname(repo), 'readme-check-'));
    execFileSync('git', ['clone', '--quiet', repo, clone]);
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('has an install line, a start line naming PORT, and walkthroughs', () => {
    const { install, start, test } = quickStart();
    expect(install).toBe('npm install');
    expect(start).toMatch(/npm start$/);
    expect(test).toBe('npm install && npm test');
    expect(readme).toMatch(/PORT=/);
    expect(walkthroughs().length).toBeGreaterThanOrEqual(3);
    // Ids come from the API, never pasted: no placeholders like <receiptId> or <order id>.
    for (const w of walkthroughs()) expect(w.script).not.toMatch(/<[a-z][\w ]*>/i);
  });

  it('installs without rewriting package-lock.json', () => {
    execFileSync('bash', ['-c', quickStart().install], { cwd: clone, env: shellEnv(0), stdio: 'ignore' });
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' })).toBe('');
  }, 600_000);

  it.each([['first run, empty data'], ['second run, same data']])(
    'starts and runs every walkthrough: %s',
    async () => {
      const port = await freePort();
      const hub = await startHub(clone, quickStart().start, port);
      try {
        expect(hub.output()).toContain(`OrderHub is ready: http://localhost:${port}/`);
        for (const { title, script } of walkthroughs()) {
          const run = runBlock(clone, script, port);
          if (run.code !== 0)
            throw new Error(`walkthrough "${title}" failed (exit ${run.code}):\n${run.output}\n--- hub ---\n${hub.output().slice(-3000)}`);
        }
      } finally {
        await stop(hub.child);
      }
    },
    600_000,
  );
});
