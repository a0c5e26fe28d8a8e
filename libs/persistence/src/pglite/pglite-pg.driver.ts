import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * A `pg`-compatible module over one PGlite instance, for TypeORM's `driver` option.
 *
 * PGlite has exactly one connection. typeorm-pglite hands it to every caller at once, so two transactions
 * interleave on it and a rollback can take a concurrent commit's rows with it. Here the connection is
 * checked out EXCLUSIVELY: `connect` resolves for one query runner at a time and the rest queue until
 * `release`. A transaction therefore owns the database until it ends, as a real connection would.
 */
export interface PgCompatibleModule {
  Pool: new (options?: unknown) => PglitePool;
  defaults: Record<string, unknown>;
}

type ConnectCallback = (err: Error | undefined, connection?: PgliteConnection, release?: () => void) => void;

interface PgLikeResult {
  rows: unknown[];
  fields: Results['fields'];
  rowCount: number;
  command?: string;
}

class PgliteConnection extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    private readonly onEnd?: () => void,
  ) {
    super();
  }

  async query(text: string, params?: unknown[]): Promise<PgLikeResult> {
    // pg runs parameterless multi-statement text with the simple protocol; PGlite needs `exec` for that.
    if ((!params || params.length === 0) && hasSeveralStatements(text)) {
      const results = await this.db.exec(text);
      const last: Results = results[results.length - 1] ?? { rows: [], fields: [] };
      return { rows: last.rows, fields: last.fields, rowCount: last.affectedRows ?? last.rows.length, command: firstKeyword(text) };
    }
    const result = await this.db.query(text, params);
    const command = (result as { command?: string }).command ?? firstKeyword(text);
    const rowCount = command === 'SELECT' ? result.rows.length : (result.affectedRows ?? result.rows.length);
    return { rows: result.rows, fields: result.fields, command, rowCount };
  }
}

function firstKeyword(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
}

function hasSeveralStatements(text: string): boolean {
  const trimmed = text.trim().replace(/;\s*$/, '');
  return trimmed.includes(';');
}

export class PglitePool extends EventEmitter {
  private busy = false;
  private readonly waiters: Array<() => void> = [];
  private readonly connection: PgliteConnection;
  private ended = false;

  constructor(
    private readonly db: PGlite,
    private readonly onEnd?: () => void,
  ) {
    super();
    this.connection = new PgliteConnection(db);
  }

  connect(callback?: ConnectCallback): Promise<PgliteConnection> | void {
    const acquired = this.acquire();
    if (!callback) return acquired.then(() => this.connection);
    acquired.then(
      () => callback(undefined, this.connection, this.releaser()),
      (err: Error) => callback(err),
    );
  }

  async query(text: string, params?: unknown[]): Promise<unknown> {
    await this.acquire();
    try {
      return await this.connection.query(text, params);
    } finally {
      this.release();
    }
  }

  /**
   * Closes the database cleanly (a checkpoint, so the next start needs no recovery) and releases the data
   * directory's lock once the last checkout is back.
   */
  end(callback?: (err?: Error) => void): void {
    if (this.ended) return void callback?.();
    this.ended = true;
    const close = async () => {
      if (this.busy) await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (!this.db.closed) await this.db.close();
    };
    close().then(
      () => {
        this.onEnd?.();
        callback?.();
      },
      (err: Error) => {
        this.onEnd?.();
        callback?.(err);
      },
    );
  }

  get waitingCount(): number {
    return this.waiters.length;
  }

  private acquire(): Promise<void> {
    if (this.ended || this.db.closed) return Promise.reject(new Error('embedded database is closed'));
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** One release per checkout; a second call is ignored so a double release cannot free someone else's turn. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.busy = false;
  }
}

export function pgliteDriver(db: PGlite, onEnd?: () => void): PgCompatibleModule {
  return {
    Pool: class extends PglitePool {
      constructor() {
        super(db, onEnd);
      }
    },
    defaults: {},
  };
}
