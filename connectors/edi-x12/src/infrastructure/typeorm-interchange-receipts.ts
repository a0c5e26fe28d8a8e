import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { InterchangeReceipt, InterchangeReceipts, NewInterchangeReceipt, TransactionSavepoints } from '../application/ports';
import { EdiInterchangeReceiptEntity } from './edi-interchange-receipt.entity';

@Injectable()
export class TypeormInterchangeReceipts extends InterchangeReceipts {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(EdiInterchangeReceiptEntity);
  }

  async claim(receipt: NewInterchangeReceipt, windowHours: number) {
    const manager = this.tx.manager();
    // Claims older than the window no longer count: a partner whose counter wrapped or was reset gets through.
    await manager.query(
      `UPDATE edi_interchange_receipt SET active_control = NULL
        WHERE partner_id = $1 AND active_control = $2 AND received_at < now() - make_interval(hours => $3)`,
      [receipt.partnerId, receipt.controlNumber, windowHours],
    );
    const inserted = (await manager.query(
      `INSERT INTO edi_interchange_receipt (partner_id, control_number, active_control, raw_document_id, position, status, transactions, detail)
       VALUES ($1, $2, $2, $3, $4, $5, $6, $7) ON CONFLICT (partner_id, active_control) WHERE active_control IS NOT NULL DO NOTHING RETURNING id`,
      [
        receipt.partnerId,
        receipt.controlNumber,
        receipt.rawDocumentId,
        receipt.position,
        receipt.status,
        receipt.transactions,
        JSON.stringify(receipt.detail),
      ],
    )) as Array<{ id: string }>;
    if (inserted.length > 0) return { claimed: true as const, id: inserted[0].id };
    const first = await this.repo().findOne({ where: { partnerId: receipt.partnerId, activeControl: receipt.controlNumber } });
    if (!first) throw new Error(`interchange ${receipt.controlNumber} conflicted but its claim is gone`);
    return { claimed: false as const, duplicateOf: toDomain(first) };
  }

  async record(receipt: NewInterchangeReceipt): Promise<string> {
    const saved = await this.repo().save(this.repo().create({ ...receipt, activeControl: null }));
    return saved.id;
  }

  async update(id: string, change: Pick<InterchangeReceipt, 'status' | 'transactions' | 'detail'>): Promise<void> {
    await this.repo().update({ id }, { status: change.status, transactions: change.transactions, detail: change.detail as never });
  }

  async listForRawDocument(rawDocumentId: string): Promise<InterchangeReceipt[]> {
    return (await this.repo().find({ where: { rawDocumentId }, order: { position: 'ASC', receivedAt: 'ASC' } })).map(toDomain);
  }
}

function toDomain(row: EdiInterchangeReceiptEntity): InterchangeReceipt {
  return {
    id: row.id,
    partnerId: row.partnerId,
    rawDocumentId: row.rawDocumentId,
    controlNumber: row.controlNumber,
    position: row.position,
    status: row.status,
    transactions: row.transactions,
    detail: row.detail,
    receivedAt: row.receivedAt,
  };
}

/** SAVEPOINTs on the current transaction's connection (PostgreSQL and PGlite alike). */
@Injectable()
export class TypeormTransactionSavepoints extends TransactionSavepoints {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private async exec(sql: string): Promise<void> {
    if (!this.tx.inTransaction()) throw new Error('savepoints need an open transaction');
    await this.tx.manager().query(sql);
  }

  create(name: string): Promise<void> {
    return this.exec(`SAVEPOINT ${ident(name)}`);
  }
  rollbackTo(name: string): Promise<void> {
    return this.exec(`ROLLBACK TO SAVEPOINT ${ident(name)}`);
  }
  release(name: string): Promise<void> {
    return this.exec(`RELEASE SAVEPOINT ${ident(name)}`);
  }
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad savepoint name ${name}`);
  return name;
}
