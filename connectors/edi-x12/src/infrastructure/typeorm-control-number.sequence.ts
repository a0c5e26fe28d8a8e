import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { ControlNumberSequence } from '../application/ports';
import { ControlNumberKind, followingControlNumbers, MAX_CONTROL_NUMBER } from '../domain/control-number';

const COLUMN: Record<ControlNumberKind, string> = { ISA: 'isa_last', GS: 'gs_last', ST: 'st_last' };

@Injectable()
export class TypeormControlNumberSequence extends ControlNumberSequence {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  async next(partnerId: string, kind: ControlNumberKind, count = 1): Promise<number[]> {
    if (!this.tx.inTransaction()) throw new Error('control numbers must be drawn inside the transaction that stores the document');
    const column = COLUMN[kind];
    const manager = this.tx.manager();
    // A partner created before sequences existed (or by hand) gets its row on first use.
    await manager.query(`INSERT INTO edi_control_sequence (partner_id) VALUES ($1) ON CONFLICT DO NOTHING`, [partnerId]);
    // The row lock taken here is held to commit: concurrent writers to one partner queue, and a rollback
    // gives the numbers back. Wrap-around (…999999999 → 1) is computed in SQL so the row never holds 0.
    const rows = (await manager.query(
      `UPDATE edi_control_sequence SET ${column} = ((${column} + $2 - 1) % ${MAX_CONTROL_NUMBER}) + 1 WHERE partner_id = $1 RETURNING ${column} AS last`,
      [partnerId, count],
    )) as [Array<{ last: number }>, number] | Array<{ last: number }>;
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ last: number }>) : (rows as Array<{ last: number }>);
    const last = Number(list[0]?.last);
    if (!Number.isInteger(last)) throw new Error(`no control-number row for partner ${partnerId}`);
    // The value before this draw; 0 and 999999999 both continue at 1.
    const before = (((last - count) % MAX_CONTROL_NUMBER) + MAX_CONTROL_NUMBER) % MAX_CONTROL_NUMBER;
    return followingControlNumbers(before, count);
  }
}
