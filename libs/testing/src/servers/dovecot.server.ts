import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Folder holding config, mail and logs (removed by stop()). */
  dir: string;
  stop(): Promise<void>;
}

/** Where the binary is, or null: specs skip with this reason when it is absent. */
export function dovecotBinary(): string | null {
  for (const p of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/usr/bin/dovecot']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The unprivileged system user Dovecot runs as and that owns the mail folders; created when missing (as root). */
function systemUser(): { name: string; uid: number; gid: number } {
  const name = process.env.DOVECOT_TEST_USER ?? 'dovecot-test';
  const lookup = (): { uid: number; gid: number } | null => {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    return r.status === 0 && g.status === 0 ? { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) } : null;
  };
  let ids = lookup();
  if (!ids) {
    const add = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
      encoding: 'utf8',
    });
    ids = lookup();
    if (!ids) throw new Error(`cannot create system user ${name} for Dovecot (run as root?): ${add.stderr}`);
  }
  return { name, ...ids };
}

function config(dir: string, user: string, port: number, password: string): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
default_internal_user = ${user}
default_internal_group = ${user}
default_login_user = ${user}
ssl = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=${user} gid=${user} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Archive {
    auto = create
    special_use = \\Archive
  }
  mailbox Exceptions {
    auto = create
  }
}
`;
}

async function waitForGreeting(port: number, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.setTimeout(1000);
      sock.once('data', (d) => {
        sock.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => {
        sock.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Dovecot did not accept connections on ${port} within ${timeoutMs} ms\n${log()}`);
}

/**
 * A throwaway Dovecot (IMAP, plain auth, any user name with `password`) on a free loopback port. Runs in the
 * foreground as an unprivileged system user that owns the temp folder; stop() kills it and removes the folder.
 */
export async function startDovecot(options: { user?: string; password?: string } = {}): Promise<DovecotServer> {
  const binary = dovecotBinary();
  if (!binary) throw new Error('dovecot is not installed (apt-get install -y --no-install-recommends dovecot-imapd)');
  const sys = systemUser();
  const password = options.password ?? 'testpass';
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-dovecot-'));
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub));
  const port = await freePort();
  writeFileSync(join(dir, 'dovecot.conf'), config(dir, sys.name, port, password));
  chmodSync(dir, 0o755);
  // Dovecot wants base_dir owned by root when started as root; mail and home belong to the mail user.
  for (const sub of ['mail', 'home', 'state']) chownSync(join(dir, sub), sys.uid, sys.gid);
  const child: ChildProcess = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const log = (): string =>
    `${stderr}${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').slice(-3000) : ''}`;
  try {
    await waitForGreeting(port, 10_000, log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user: options.user ?? 'orders',
    password,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
