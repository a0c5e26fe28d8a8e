import { Injectable } from '@nestjs/common';
import type { Channel } from '@orderhub/contracts';
import { TransactionManager, type RawDocumentStatus } from '@orderhub/persistence';

export interface InboundDocumentFilter {
  channel?: Channel;
  status?: RawDocumentStatus;
  sender?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface InboundDocumentView {
  id: string;
  channel: Channel;
  sender: string;
  contentType: string;
  receivedAt: string;
  size: number;
  sha256: string;
  status: RawDocumentStatus;
  /** The orders and exceptions this document led to; `reason` for rejected and failed documents. */
  outcome: { orderIds: string[]; exceptionIds: string[]; reason?: string };
}

interface Row {
  id: string;
  channel: Channel;
  sender: string;
  content_type: string;
  received_at: Date;
  size: string;
  sha256: string;
  status: RawDocumentStatus;
  status_detail: string | null;
  order_ids: string[] | null;
  exception_ids: string[] | null;
  total: string;
}

/**
 * Every stored inbound document with its outcome, newest first, read in one query: the orders raised from it
 * and the exceptions opened for it. (An email's order points at its PDF, whose document is listed too.)
 */
@Injectable()
export class InboundDocumentsQuery {
  constructor(private readonly tx: TransactionManager) {}

  async list(filter: InboundDocumentFilter): Promise<{ items: InboundDocumentView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.channel) add('d.channel = ?', filter.channel);
    if (filter.status) add('d.status = ?', filter.status);
    if (filter.sender) add('d.sender = ?', filter.sender);
    if (filter.from) add('d.received_at >= ?', filter.from);
    if (filter.to) add('d.received_at < ?', filter.to);
    params.push(filter.limit, filter.offset);
    const rows = (await this.tx
      .manager()
      .query(
        `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.received_at DESC, d.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      )) as Row[];
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(
          (
            (await this.tx
              .manager()
              .query(
                `SELECT count(*)::text AS n FROM raw_document d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
                params.slice(0, -2),
              )) as Array<{ n: string }>
          )[0].n,
        );
    return { items: rows.map(view), total };
  }

  async get(id: string): Promise<InboundDocumentView | null> {
    const rows = (await this.tx.manager().query(`${SELECT} WHERE d.id = $1`, [id])) as Row[];
    return rows[0] ? view(rows[0]) : null;
  }
}

const SELECT = `SELECT d.id, d.channel, d.sender, d.content_type, d.received_at, d.size::text AS size, d.sha256, d.status, d.status_detail,
  (SELECT array_agg(o.id::text ORDER BY o.created_at) FROM sales_order o WHERE o.raw_document_id = d.id) AS order_ids,
  (SELECT array_agg(e.id::text ORDER BY e.created_at) FROM order_exception e WHERE e.raw_document_id = d.id) AS exception_ids,
  count(*) OVER ()::text AS total
  FROM raw_document d`;

function view(row: Row): InboundDocumentView {
  const reason = row.status === 'rejected' || row.status === 'failed' ? (row.status_detail ?? undefined) : undefined;
  return {
    id: row.id,
    channel: row.channel,
    sender: row.sender,
    contentType: row.content_type,
    receivedAt: new Date(row.received_at).toISOString(),
    size: Number(row.size),
    sha256: row.sha256.trim(),
    status: row.status,
    outcome: { orderIds: row.order_ids ?? [], exceptionIds: row.exception_ids ?? [], ...(reason ? { reason } : {}) },
  };
}
