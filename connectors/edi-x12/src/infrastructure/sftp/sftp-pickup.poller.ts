import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RawDocumentStore } from '@orderhub/persistence';
import type SftpClient from 'ssh2-sftp-client';
import { PartnerExchanges } from '../../application/partner-exchanges';
import { PartnerSecretBox } from '../../application/partner-secret-box';
import { TradingPartnerRepository } from '../../application/ports';
import { ReceiveX12UseCase } from '../../application/receive-x12.use-case';
import type { SftpConnection } from '../../domain/partner-connection';
import type { TradingPartner } from '../../domain/trading-partner';
import { PartnerConnectivityConfig } from '../../partner-connectivity.config';
import { credentialsOf } from './sftp-outbound.transport';
import { openSftp, remoteJoin } from './sftp-session';

// Files still being uploaded by the partner carry one of these suffixes, or a leading dot.
const IN_PROGRESS = /\.(tmp|part|filepart|partial)$/i;
const MAX_BACKOFF_MS = 5 * 60_000;

interface PartnerState {
  nextPollAt: number;
  failures: number;
  lastError: string | null;
  /** Size and mtime of each remote file at the previous listing, and since when they held. */
  seen: Map<string, { size: number; mtime: number; since: number }>;
}

type SftpPartner = TradingPartner & { connection: SftpConnection };

/**
 * Collects each SFTP partner's documents from its pickup folder every pollSeconds. A file is taken once its size and
 * mtime held still across two listings (HUB_SFTP_STABLE_MS at least); it is downloaded whole (its length checked
 * against the listing), stored raw, and only then deleted on the server; then it takes the X12 path. A connection cut
 * mid-transfer stores nothing; the file is still on the server and is taken on the next poll. A file stored but not
 * deleted (cut in between) is found again by its dedup key and deleted without a second processing. Connection
 * failures back off (doubling, up to 5 minutes) and show as the partner's last error.
 */
@Injectable()
export class SftpPickupPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('sftp-pickup');
  private readonly state = new Map<string, PartnerState>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** A test seam: called with each chunk as it arrives (the tests cut the server mid-transfer from here). */
  onChunk?: (partnerId: string, file: string, received: number) => Promise<void> | void;

  constructor(
    private readonly config: PartnerConnectivityConfig,
    private readonly partners: TradingPartnerRepository,
    private readonly secrets: PartnerSecretBox,
    private readonly raw: RawDocumentStore,
    private readonly receive: ReceiveX12UseCase,
    private readonly exchanges: PartnerExchanges,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.sftpPoll) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((error: unknown) => this.logger.error(`poll failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Polls the partners that are due. */
  async tick(now = Date.now()): Promise<void> {
    const due = (await this.partners.listActive()).filter((p): p is SftpPartner => p.connection.type === 'sftp');
    for (const partner of due) {
      if (this.stopped) return;
      const st = this.stateOf(partner.id);
      if (now < st.nextPollAt) continue;
      await this.poll(partner);
    }
  }

  private stateOf(id: string): PartnerState {
    let st = this.state.get(id);
    if (!st) {
      st = { nextPollAt: 0, failures: 0, lastError: null, seen: new Map() };
      this.state.set(id, st);
    }
    return st;
  }

  /** One pass over one partner's pickup folder; never throws (failures back off and are recorded). */
  async poll(partner: SftpPartner): Promise<void> {
    const st = this.stateOf(partner.id);
    const c = partner.connection;
    let client: SftpClient | undefined;
    try {
      client = await openSftp(c, credentialsOf(c, this.secrets));
      const listing = await client.list(c.pickupDir);
      const now = Date.now();
      const present = new Set<string>();
      for (const entry of listing) {
        if (entry.type !== '-' || entry.name.startsWith('.') || IN_PROGRESS.test(entry.name)) continue;
        present.add(entry.name);
        const before = st.seen.get(entry.name);
        if (!before || before.size !== entry.size || before.mtime !== entry.modifyTime) {
          st.seen.set(entry.name, { size: entry.size, mtime: entry.modifyTime, since: now });
          continue; // look again next poll
        }
        if (now - before.since < this.config.sftpStableMs) continue;
        await this.take(client, partner, entry.name, entry.size, entry.modifyTime);
        st.seen.delete(entry.name);
      }
      for (const name of st.seen.keys()) if (!present.has(name)) st.seen.delete(name);
      if (st.lastError) this.logger.log(`${partner.name}: SFTP connection works again`);
      st.failures = 0;
      st.lastError = null;
      st.nextPollAt = Date.now() + c.pollSeconds * 1000;
    } catch (error) {
      st.failures += 1;
      const message = (error as Error).message;
      const backoff = Math.min(1000 * 2 ** (st.failures - 1), MAX_BACKOFF_MS);
      st.nextPollAt = Date.now() + Math.max(backoff, c.pollSeconds * 1000);
      this.logger.warn(
        `${partner.name}: SFTP pickup failed (attempt ${st.failures}, next in ${Math.round((st.nextPollAt - Date.now()) / 1000)} s): ${message}`,
      );
      if (message !== st.lastError) {
        await this.exchanges
          .record({
            partnerId: partner.id,
            protocol: 'sftp',
            direction: 'in',
            reference: `sftp://${c.host}:${c.port}${c.pickupDir}`,
            rawDocumentId: null,
            outboundDocumentId: null,
            status: 'failed',
            error: message.slice(0, 2000),
          })
          .catch(() => undefined);
      }
      st.lastError = message;
    } finally {
      await client?.end().catch(() => undefined);
    }
  }

  private async take(client: SftpClient, partner: SftpPartner, name: string, size: number, mtime: number): Promise<void> {
    const c = partner.connection;
    const path = remoteJoin(c.pickupDir, name);
    const dedupKey = `sftp:${partner.id}:${c.pickupDir}/${name}:${size}:${mtime}`.slice(0, 300);
    const earlier = await this.raw.findByDedupKey('edi', dedupKey);
    if (earlier) {
      // Stored on an earlier pass that was cut before the delete (or before processing): finish, never twice.
      await client.delete(path, true);
      if (earlier.status === 'received') await this.process(partner, earlier.id, name);
      return;
    }
    const content = await this.download(client, partner.id, path, name);
    if (content.length !== size) throw new Error(`${name}: read ${content.length} bytes of ${size}; left on the server for the next poll`);
    const stored = await this.raw.store({
      channel: 'edi',
      sender: partner.id,
      contentType: 'application/edi-x12',
      content,
      dedupKey,
      metadata: { via: 'sftp', partnerName: partner.name, fileName: name, remotePath: path, host: c.host },
    });
    await client.delete(path);
    await this.exchanges.record({
      partnerId: partner.id,
      protocol: 'sftp',
      direction: 'in',
      reference: name,
      rawDocumentId: stored.document.id,
      outboundDocumentId: null,
      status: 'processed',
    });
    await this.process(partner, stored.document.id, name, content);
  }

  private async process(partner: SftpPartner, rawId: string, name: string, content?: Buffer): Promise<void> {
    const raw = await this.raw.get(rawId);
    const bytes = content ?? (await this.raw.content(rawId));
    if (!raw || !bytes) return;
    try {
      const outcome = await this.receive.process(partner, raw, bytes);
      this.logger.log(`${partner.name}: ${name} → receipt ${outcome.receiptId} (${outcome.purchaseOrders} orders)`);
    } catch (error) {
      this.logger.error(`${partner.name}: ${name}: processing failed: ${(error as Error).message}`);
    }
  }

  /**
   * Reads the whole file, chunk by chunk. A connection cut mid-transfer ends in an error (a stalled stream too,
   * after 15 s without data), so a partial file is never returned.
   */
  private async download(client: SftpClient, partnerId: string, path: string, name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let received = 0;
    const stream = client.createReadStream(path, { highWaterMark: 16 * 1024 });
    let stall: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => stream.destroy(new Error(`${name}: no data for 15 s; transfer abandoned`)), 15_000);
    };
    arm();
    // ssh2 does not fail a read stream whose connection dropped: end it ourselves when the connection closes.
    const cutOff = () => stream.destroy(new Error(`${name}: connection lost mid-transfer after ${received} bytes; left on the server`));
    client.on('close', cutOff);
    client.on('end', cutOff);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        received += chunk.length;
        arm();
        await this.onChunk?.(partnerId, name, received);
      }
    } finally {
      clearTimeout(stall);
      client.removeListener('close', cutOff);
      client.removeListener('end', cutOff);
    }
    return Buffer.concat(chunks, received);
  }
}
