import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, FSWatcher, watch } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@orderhub/common';
import { RawDocument, TypeormRawDocumentStore } from '@orderhub/persistence';
import { ReceiveX12UseCase, ReceiptOutcome } from '../application/receive-x12.use-case';
import { TradingPartnerRepository } from '../application/ports';
import type { TradingPartner } from '../domain/trading-partner';
import { EdiX12Config } from '../edi-x12.config';
import { countInboundDocument } from '@orderhub/platform';

const CLAIM_PREFIX = '.claim-';
// Files still being written by the partner's upload: by convention they carry one of these suffixes.
const IN_PROGRESS = /\.(tmp|part|filepart|partial|crdownload)$/i;

export function inboundFolder(dataDir: string, partnerId: string): string {
  return join(dataDir, 'edi', 'inbound', partnerId);
}

/**
 * Drop folders: HUB_DATA_DIR/edi/inbound/<partner id>/. A periodic scan finds files; fs.watch only makes it
 * sooner. A file is taken once its size and mtime held still for HUB_EDI_DROP_STABLE_MS (and never while it
 * ends in .tmp/.part). Durability, step by step:
 *
 * 1. claim: rename into processed/.claim-<stamp>-<name> (atomic; a second scan cannot take it twice);
 * 2. keep the bytes: small files are copied into the raw-document store, large ones are referenced where they
 *    will stay (processed/<stamp>-<name>, via storeFromFile) — both with the claim name as dedup key;
 * 3. rename the claim to its final name, then process (large files streamed from disk, never read whole);
 * 4. a file that held no usable interchange moves on to error/ (a large one is hard-linked there, because the
 *    raw document points at its processed/ path).
 * A crash between 1 and 3 leaves a .claim- file, which the next start finishes from its dedup key.
 */
@Injectable()
export class DropFolderWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('edi-drop-folder');
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(HUB_CONFIG) private readonly hub: HubConfig,
    private readonly config: EdiX12Config,
    private readonly partners: TradingPartnerRepository,
    private readonly raw: TypeormRawDocumentStore,
    private readonly receive: ReceiveX12UseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.dropFolders) return;
    await this.recoverClaims().catch((error: unknown) => this.logger.error(`claim recovery failed: ${(error as Error).message}`));
    this.timer = setInterval(() => this.trigger(), this.config.dropScanMs);
    this.timer.unref();
    this.trigger();
    this.logger.log(`watching ${join(this.hub.dataDir, 'edi', 'inbound')}/<partner id>/ every ${this.config.dropScanMs} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    await this.running?.catch(() => undefined);
  }

  /** Runs a scan now, or right after the current one. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.scan()
      .catch((error: unknown) => this.logger.error(`scan failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          setTimeout(() => this.trigger(), Math.max(this.config.dropStableMs, 20)).unref();
        }
      });
  }

  /** One pass over every active partner's folder; resolves when the files found stable are processed. */
  async scan(): Promise<void> {
    const now = Date.now();
    for (const partner of await this.partners.listActive()) {
      if (this.stopped) return;
      const folder = inboundFolder(this.hub.dataDir, partner.id);
      await mkdir(join(folder, 'processed'), { recursive: true });
      await mkdir(join(folder, 'error'), { recursive: true });
      this.watchFolder(folder);
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (!entry.isFile() || entry.name.startsWith('.') || IN_PROGRESS.test(entry.name)) continue;
        const path = join(folder, entry.name);
        const info = await stat(path).catch(() => undefined);
        if (!info) continue;
        const before = this.seen.get(path);
        if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
          this.seen.set(path, { size: info.size, mtimeMs: info.mtimeMs, since: now });
          if (this.config.dropStableMs > 0) {
            this.again = true; // look again once it had time to settle
            continue;
          }
        } else if (now - before.since < this.config.dropStableMs) {
          this.again = true;
          continue;
        }
        this.seen.delete(path);
        await this.take(partner, folder, entry.name, info.size).catch((error: unknown) => {
          this.logger.error(`${path}: ${(error as Error).message}`);
        });
      }
    }
  }

  private watchFolder(folder: string): void {
    if (this.watchers.has(folder)) return;
    try {
      const watcher = watch(folder, { persistent: false }, () => this.trigger());
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(folder); // the scan still finds files; it will try to watch again
      });
      this.watchers.set(folder, watcher);
    } catch {
      // Some filesystems (NFS, some containers) cannot be watched: the periodic scan covers them.
    }
  }

  private async take(partner: TradingPartner, folder: string, name: string, size: number): Promise<void> {
    const finalName = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}-${name}`;
    const claim = join(folder, 'processed', `${CLAIM_PREFIX}${finalName}`);
    await rename(join(folder, name), claim);
    await fsyncDir(join(folder, 'processed'));
    let raw: RawDocument;
    try {
      raw = await this.keep(partner, folder, finalName, name, size);
      countInboundDocument('edi');
    } catch (error) {
      // Not stored: hand the file back so the next scan tries again.
      await rename(claim, join(folder, name)).catch(() => undefined);
      throw error;
    }
    await this.finish(partner, folder, finalName, raw, size);
  }

  /** Step 2: the bytes are safe in the raw-document store (or referenced where they stay). */
  private async keep(partner: TradingPartner, folder: string, finalName: string, originalName: string, size: number): Promise<RawDocument> {
    const claim = join(folder, 'processed', `${CLAIM_PREFIX}${finalName}`);
    const finalPath = join(folder, 'processed', finalName);
    const common = {
      channel: 'edi' as const,
      sender: partner.id,
      contentType: 'application/edi-x12',
      dedupKey: `drop:${partner.id}:${finalName}`,
      metadata: { via: 'drop-folder', fileName: originalName, path: finalPath, partnerName: partner.name },
    };
    if (size <= this.config.inlineMaxBytes) {
      return (await this.raw.store({ ...common, content: await readFile(claim) })).document;
    }
    const sha256 = await sha256Of(claim);
    return (await this.raw.storeFromFile({ ...common, path: finalPath, sha256, size })).document;
  }

  /** Steps 3 and 4. */
  private async finish(partner: TradingPartner, folder: string, finalName: string, raw: RawDocument, size: number): Promise<void> {
    const claim = join(folder, 'processed', `${CLAIM_PREFIX}${finalName}`);
    const finalPath = join(folder, 'processed', finalName);
    await rename(claim, finalPath);
    const inline = size <= this.config.inlineMaxBytes;
    let outcome: ReceiptOutcome | undefined;
    try {
      // Small files were read once already; read again from disk rather than holding them across the claim.
      outcome = await this.receive.process(
        partner,
        raw,
        inline ? await readFile(finalPath) : createReadStream(finalPath, { highWaterMark: 1 << 20 }),
      );
    } catch (error) {
      this.logger.error(`${finalName}: processing failed: ${(error as Error).message}`);
    }
    const failed = !outcome || outcome.notX12 || outcome.interchanges.every((i) => i.status === 'rejected');
    if (failed) {
      const errorPath = join(folder, 'error', finalName);
      if (inline) await rename(finalPath, errorPath);
      else await link(finalPath, errorPath).catch(() => undefined); // the raw document points at processed/
    }
    this.logger.log(`${finalName} → ${failed ? 'error/' : 'processed/'} (receipt ${raw.id})`);
  }

  /** A crash left claims behind: finish each from its dedup key. */
  private async recoverClaims(): Promise<void> {
    for (const partner of await this.partners.listActive()) {
      const folder = inboundFolder(this.hub.dataDir, partner.id);
      const names = await readdir(join(folder, 'processed')).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.startsWith(CLAIM_PREFIX))) {
        const finalName = name.slice(CLAIM_PREFIX.length);
        const size = (await stat(join(folder, 'processed', name))).size;
        const existing = await this.raw.findByDedupKey('edi', `drop:${partner.id}:${finalName}`);
        if (existing && existing.status !== 'received') {
          await rename(join(folder, 'processed', name), join(folder, 'processed', finalName));
          continue;
        }
        this.logger.warn(`recovering ${name} for ${partner.name}`);
        const raw = existing ?? (await this.keep(partner, folder, finalName, finalName, size));
        await this.finish(partner, folder, finalName, raw, size);
      }
    }
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A rename is durable only once its directory is flushed. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Not every filesystem allows fsync on a directory; the rename still happened.
  } finally {
    await handle.close();
  }
}
