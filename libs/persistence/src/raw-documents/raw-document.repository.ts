import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Channel } from '@orderhub/contracts';
import { NewRawDocument, RawDocument, RawDocumentStatus, RawDocumentStore, StoreResult } from '../ports';
import { TransactionManager } from '../transaction-manager';
import { RawDocumentEntity } from './raw-document.entity';

export interface StoreFromFileInput extends Omit<NewRawDocument, 'content'> {
  path: string;
  sha256: string;
  size: number;
}

@Injectable()
export class TypeormRawDocumentStore extends RawDocumentStore {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  async store(doc: NewRawDocument): Promise<StoreResult> {
    const sha256 = createHash('sha256').update(doc.content).digest('hex');
    return this.insert({ ...doc, sha256, size: doc.content.length, content: doc.content, contentPath: null });
  }

  /** Keeps a reference to a durable file instead of copying a very large document into the database. */
  async storeFromFile(doc: StoreFromFileInput): Promise<StoreResult> {
    return this.insert({ ...doc, content: null, contentPath: doc.path });
  }

  private async insert(
    doc: Omit<NewRawDocument, 'content'> & { sha256: string; size: number; content: Buffer | null; contentPath: string | null },
  ): Promise<StoreResult> {
    const repo = this.tx.manager().getRepository(RawDocumentEntity);
    if (doc.dedupKey) {
      // ON CONFLICT keeps a concurrent duplicate from aborting the caller's transaction.
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values(this.row(doc) as QueryDeepPartialEntity<RawDocumentEntity>)
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) {
        const existing = await this.findByDedupKey(doc.channel, doc.dedupKey);
        if (!existing) throw new Error(`raw document dedup conflict without a row for ${doc.dedupKey}`);
        return { document: existing, created: false };
      }
      return { document: (await this.get(id))!, created: true };
    }
    const saved = await repo.save(repo.create(this.row(doc)));
    return { document: toDomain(saved), created: true };
  }

  private row(doc: Omit<NewRawDocument, 'content'> & { sha256: string; size: number; content: Buffer | null; contentPath: string | null }) {
    return {
      channel: doc.channel,
      sender: doc.sender.slice(0, 200),
      contentType: doc.contentType.slice(0, 100),
      sha256: doc.sha256,
      size: String(doc.size),
      content: doc.content,
      contentPath: doc.contentPath,
      dedupKey: doc.dedupKey ?? null,
      metadata: doc.metadata ?? {},
      status: 'received' as const,
    };
  }

  async get(id: string): Promise<RawDocument | null> {
    const row = await this.tx.manager().getRepository(RawDocumentEntity).findOne({ where: { id } });
    return row ? toDomain(row) : null;
  }

  async content(id: string): Promise<Buffer | null> {
    const row = await this.tx
      .manager()
      .getRepository(RawDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :id', { id })
      .getOne();
    if (!row) return null;
    if (row.content) return Buffer.from(row.content);
    return row.contentPath ? readFile(row.contentPath) : Buffer.alloc(0);
  }

  async findByDedupKey(channel: Channel, dedupKey: string): Promise<RawDocument | null> {
    const row = await this.tx.manager().getRepository(RawDocumentEntity).findOne({ where: { channel, dedupKey } });
    return row ? toDomain(row) : null;
  }

  /**
   * Moves the document forward (RAW_DOCUMENT_STATUS_RANK); a step back changes nothing. An id that is not a
   * stored document's (a preview, a test order) changes nothing either, without an SQL error that would
   * abort the caller's transaction.
   */
  async setStatus(id: string, status: RawDocumentStatus, detail?: string): Promise<void> {
    if (!UUID.test(id)) return;
    await this.tx
      .manager()
      .query(
        `UPDATE raw_document SET status = $2, status_detail = $3 WHERE id = $1 AND (raw_document_status_rank(status) < raw_document_status_rank($2) OR status = $2)`,
        [id, status, detail?.slice(0, 4000) ?? null],
      );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toDomain(row: RawDocumentEntity): RawDocument {
  return {
    id: row.id,
    channel: row.channel,
    sender: row.sender,
    contentType: row.contentType,
    sha256: row.sha256,
    size: Number(row.size),
    dedupKey: row.dedupKey,
    metadata: row.metadata,
    status: row.status,
    statusDetail: row.statusDetail,
    receivedAt: row.receivedAt,
  };
}
