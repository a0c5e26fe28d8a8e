import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './dovecot.server';

const SSHD = '/usr/sbin/sshd';

export interface SshdServer {
  host: string;
  port: number;
  username: string;
  password: string;
  /** The client key the server accepts for `username` (OpenSSH PEM). */
  clientPrivateKey: string;
  /** `SHA256:...` exactly as `ssh-keygen -lf` prints it for the server's host key. */
  hostKeySha256: string;
  /** The folder the user sees as `/` (pickup/ and drop/ inside, writable by the user). */
  chroot: string;
  /** Kills sshd and every session it forked (a connection cut mid-transfer). */
  kill(): void;
  /** Starts sshd again on the same port, host key and folders. */
  restart(): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

/** Every process below `root` (children, grandchildren...), from /proc. */
function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [p, pp] of parents) {
      if (pp !== pid) continue;
      out.push(p);
      walk(p);
    }
  };
  walk(root);
  return out;
}

/** Why the SFTP specs cannot run here, or null. */
export function sshdUnavailable(): string | null {
  if (!existsSync(SSHD)) return 'openssh-server is not installed (apt-get install -y openssh-server)';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'sshd chroot needs root';
  return null;
}

/** A system user the SFTP sessions run as; its password is set on each start. */
function sftpUser(name: string, password: string): { uid: number; gid: number } {
  const lookup = () => {
    const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    return u.status === 0 && g.status === 0 ? { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) } : null;
  };
  let ids = lookup();
  if (!ids) {
    const add = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
      encoding: 'utf8',
    });
    ids = lookup();
    if (!ids) throw new Error(`cannot create system user ${name}: ${add.stderr}`);
  }
  const set = spawnSync('chpasswd', [], { input: `${name}:${password}\n`, encoding: 'utf8' });
  if (set.status !== 0) throw new Error(`cannot set the password of ${name}: ${set.stderr}`);
  return ids;
}

function keygen(args: string[]): string {
  const r = spawnSync('ssh-keygen', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('data', (d) => (sock.destroy(), done(d.toString().startsWith('SSH-'))));
    sock.once('error', () => done(false));
    sock.setTimeout(2000, () => (sock.destroy(), done(false)));
  });
}

/**
 * Debian's OpenSSH sshd with a config of its own on a free loopback port: its own host key, password and key
 * authentication for one system user, SFTP only, chrooted into a folder under /var/lib/orderhub-sshd-test (sshd
 * refuses a chroot below a folder others can write to, such as /tmp). Runs as root only because chroot needs it.
 */
export async function startSshd(options: { username?: string; password?: string } = {}): Promise<SshdServer> {
  const unavailable = sshdUnavailable();
  if (unavailable) throw new Error(unavailable);
  const username = options.username ?? 'orderhub-sftp';
  const password = options.password ?? 'sftp-test-pw-1';
  const ids = sftpUser(username, password);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation directory
  // sshd refuses a chroot if any folder above it is writable by others: /tmp is, and so may be wherever CI clones
  // the repository, so the server lives under /var/lib (root's, 755) unless SSHD_TEST_ROOT says otherwise.
  const base = process.env.SSHD_TEST_ROOT ?? '/var/lib/orderhub-sshd-test';
  mkdirSync(base, { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(base, 'sshd-'));
  chmodSync(dir, 0o755);
  const chroot = join(dir, 'chroot');
  mkdirSync(chroot, { mode: 0o755 });
  for (const sub of ['pickup', 'drop']) {
    mkdirSync(join(chroot, sub));
    chownSync(join(chroot, sub), ids.uid, ids.gid);
  }
  keygen(['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  keygen(['-q', '-t', 'ed25519', '-N', '', '-C', 'orderhub-test-client', '-f', join(dir, 'client_key')]);
  const hostKeySha256 = keygen(['-lf', join(dir, 'host_key.pub')]).split(' ')[1];
  mkdirSync(join(dir, 'authorized'));
  writeFileSync(join(dir, 'authorized', username), readFileSync(join(dir, 'client_key.pub')));
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    `Port ${port}
ListenAddress 127.0.0.1
HostKey ${join(dir, 'host_key')}
PidFile ${join(dir, 'sshd.pid')}
AuthorizedKeysFile ${join(dir, 'authorized')}/%u
StrictModes no
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers ${username}
LogLevel VERBOSE
Subsystem sftp internal-sftp
ChrootDirectory ${chroot}
ForceCommand internal-sftp
AllowTcpForwarding no
X11Forwarding no
`,
  );
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    const deadline = Date.now() + 10_000;
    while (!(await listening(port))) {
      if (child.exitCode !== null) throw new Error(`sshd exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port}: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // sshd's per-connection children call setsid(), so they leave its process group: find them through /proc.
  const kill = () => {
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    for (const pid of [...descendantsOf(child.pid), child.pid]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const exited = () =>
    new Promise<void>((r) => (!child || child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
  await start();
  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    clientPrivateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    hostKeySha256,
    chroot,
    kill,
    restart: async () => {
      kill();
      await exited();
      await start();
    },
    log: () => output,
    stop: async () => {
      kill();
      await exited();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
