import { EventEmitter } from 'node:events';
import { ImapFlow, type FetchMessageObject, type MessageStructureObject } from 'imapflow';
import type { EmailOutcome, ProcessInboundEmailUseCase } from '../application/process-inbound-email.use-case';
import type { ImapConfig } from './email-channel.config';

export interface ImapReaderLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

const silent: ImapReaderLogger = { info: () => undefined, warn: () => undefined };

export interface ImapReaderOptions {
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Failures of one message before it is moved to the exceptions folder instead of retried forever. */
  maxAttemptsPerMessage: number;
}

const DEFAULT_OPTIONS: ImapReaderOptions = { backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAttemptsPerMessage: 3 };

/**
 * Reads the order mailbox: IDLE for new mail plus a periodic sweep (IDLE notifications get lost across
 * reconnects), every message handed to the processing use case, then flagged \\Seen and moved to Archive or
 * Exceptions. Idempotent across crashes: a message processed but not yet moved is processed again, finds its
 * stored documents by dedup key, and is moved.
 *
 * Events: 'connected', 'disconnected' (error?), 'processed' (EmailOutcome, uid), 'failed' (error, uid), 'swept' (count).
 */
export class ImapMailboxReader extends EventEmitter {
  private readonly options: ImapReaderOptions;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private readonly failures = new Map<string, number>();
  private attempt = 0;

  constructor(
    private readonly config: ImapConfig,
    private readonly processor: ProcessInboundEmailUseCase,
    private readonly logger: ImapReaderLogger = silent,
    options: Partial<ImapReaderOptions> = {},
  ) {
    super();
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.client?.close();
    await this.loop;
    this.loop = null;
  }

  /** Ask for a sweep now (e.g. from an admin endpoint). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      // An ImapFlow instance cannot reconnect: each connection is a new one.
      const client = new ImapFlow({
        host: this.config.host,
        port: this.config.port,
        secure: this.config.tls,
        auth: { user: this.config.user, pass: this.config.password },
        logger: false,
        connectionTimeout: 15_000,
        greetingTimeout: 10_000,
      });
      this.client = client;
      client.on('error', (error: Error) => this.logger.warn('imap connection error', { error: error.message }));
      client.on('exists', () => this.wake?.());
      client.on('close', () => this.wake?.());
      let lock: { release(): void } | null = null;
      try {
        await client.connect();
        await this.ensureFolders(client);
        lock = await client.getMailboxLock(this.config.mailbox);
        this.attempt = 0;
        this.emit('connected');
        this.logger.info('imap connected', { host: this.config.host, mailbox: this.config.mailbox });
        while (!this.stopped && client.usable) {
          await this.sweep(client);
          if (this.stopped || !client.usable) break;
          await this.idleUntilWake(client);
        }
      } catch (error) {
        this.logger.warn('imap session ended', { error: error instanceof Error ? error.message : String(error) });
      } finally {
        try {
          lock?.release();
        } catch {
          /* connection already gone */
        }
        if (client.usable) await client.logout().catch(() => undefined);
        client.close();
        this.client = null;
        this.emit('disconnected');
      }
      if (this.stopped) break;
      const delay = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
      this.attempt += 1;
      this.logger.info('imap reconnecting', { inMs: Math.round(delay), attempt: this.attempt });
      await this.sleep(delay);
    }
  }

  private async ensureFolders(client: ImapFlow): Promise<void> {
    const existing = new Set((await client.list()).map((m) => m.path));
    for (const folder of [this.config.archiveFolder, this.config.exceptionsFolder]) {
      if (!existing.has(folder)) await client.mailboxCreate(folder).catch(() => undefined);
    }
  }

  /** IDLE until the server reports new mail, the sweep interval passes, the connection closes, or stop(). */
  private idleUntilWake(client: ImapFlow): Promise<void> {
    return new Promise<void>((resolve) => {
      // `done` is only called after both constants exist (the timer fires later, wake comes from elsewhere).
      const timer = setTimeout(() => done(), this.config.sweepIntervalMs);
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
      // The next command breaks IDLE by itself; a failure here surfaces as 'close'.
      client.idle().catch(() => done());
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  /** Everything in the mailbox is work: processed mail is moved out, so what stays is new or unfinished. */
  private async sweep(client: ImapFlow): Promise<void> {
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    if (uids.length === 0) return;
    // Collect first, act after: issuing commands inside a `for await` over fetch() deadlocks imapflow.
    const metas: FetchMessageObject[] = await client.fetchAll(uids, { uid: true, size: true, bodyStructure: true }, { uid: true });
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error('mailbox not selected');
    const uidValidity = mailbox.uidValidity;
    for (const meta of metas) {
      if (this.stopped || !client.usable) return;
      const key = `${uidValidity}:${meta.uid}`;
      try {
        const identity = { mailbox: this.config.mailbox, uidValidity, uid: meta.uid };
        let outcome: EmailOutcome;
        const size = meta.size ?? 0;
        if (size > this.config.maxMessageBytes) {
          const head = await client.fetchOne(String(meta.uid), { uid: true, headers: true }, { uid: true });
          outcome = await this.processor.executeOversized(
            head ? (head.headers ?? Buffer.alloc(0)) : Buffer.alloc(0),
            identity,
            size,
            this.config.maxMessageBytes,
            describeParts(meta.bodyStructure),
          );
        } else {
          const msg = await client.fetchOne(
            String(meta.uid),
            { uid: true, source: { maxLength: this.config.maxMessageBytes } },
            { uid: true },
          );
          if (!msg || !msg.source) continue; // expunged meanwhile
          outcome = await this.processor.execute(msg.source, identity);
        }
        await this.finish(client, meta.uid, outcome.folder === 'archive' ? this.config.archiveFolder : this.config.exceptionsFolder);
        this.failures.delete(key);
        this.emit('processed', outcome, meta.uid);
      } catch (error) {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.logger.warn('email processing failed', {
          uid: meta.uid,
          attempt: n,
          error: error instanceof Error ? error.message : String(error),
        });
        this.emit('failed', error, meta.uid);
        if (!client.usable) return;
        if (n >= this.options.maxAttemptsPerMessage) {
          await this.finish(client, meta.uid, this.config.exceptionsFolder).catch(() => undefined);
          this.failures.delete(key);
        }
      }
    }
    this.emit('swept', metas.length);
  }

  private async finish(client: ImapFlow, uid: number, folder: string): Promise<void> {
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    await client.messageMove(String(uid), folder, { uid: true });
  }
}

/** "2 application/pdf order.pdf 31457280 bytes" per leaf part, for the operator of an oversized email. */
export function describeParts(node: MessageStructureObject | undefined): string[] {
  if (!node) return [];
  if (node.childNodes?.length) return node.childNodes.flatMap(describeParts);
  const name = node.dispositionParameters?.filename ?? node.parameters?.name ?? '';
  return [`${node.part ?? '1'} ${node.type}${name ? ` ${name}` : ''} ${node.size ?? 0} bytes`];
}
