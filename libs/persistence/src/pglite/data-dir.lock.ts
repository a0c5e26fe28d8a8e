import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** A second process on the same HUB_DATA_DIR: the embedded database allows one. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string },
  ) {
    super(
      `HUB_DATA_DIR ${dataDir} is in use by another OrderHub process (pid ${holder.pid} on ${holder.host}); stop it or start this one with another HUB_DATA_DIR`,
    );
    this.name = 'DataDirInUseError';
  }
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

export const LOCK_FILE = 'orderhub.lock';

/** Lock files this process holds: a lock naming our own pid but not in here is a previous incarnation's (a container restarted as pid 1). */
const held = new Set<string>();

/**
 * One process per embedded data directory. PGlite has no lock of its own: two processes on one directory both
 * write its files, issue the same numbers and, at the next start, find the database corrupt. The lock is a file
 * created exclusively (O_EXCL) that names its holder. A lock whose holder is gone (a crash, kill -9) is stale: it
 * is moved aside atomically (rename, so two starting processes cannot both take it) and taken anew. A holder
 * that is alive, this process included, means the directory is in use. Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      held.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(path);
        try {
          const holder = readHolder(path);
          if (holder?.pid === mine.pid && holder.startedAt === mine.startedAt) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder, path)) throw new DataDirInUseError(dataDir, holder);
    // Stale (or unreadable: a crash between create and write). Only one contender's rename succeeds.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      unlinkSync(`${path}.stale-${process.pid}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DataDirInUseError(dataDir, readHolder(path) ?? { pid: -1, host: 'unknown' });
}

function readHolder(path: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt) }
      : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote the lock still runs. A lock from another host name is taken as stale: a
 * container gets a new host name at every restart, and the embedded database is not for shared volumes.
 */
function isAlive(holder: LockContent, path: string): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return held.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Throws DataDirInUseError when a live process holds the directory: called before the app is built, so the
 * refusal is the one line the process prints (the lock itself is taken when the database opens).
 */
export function assertDataDirFree(dataDir: string): void {
  const path = join(dataDir, LOCK_FILE);
  const holder = readHolder(path);
  if (holder && isAlive(holder, path)) throw new DataDirInUseError(dataDir, holder);
}
