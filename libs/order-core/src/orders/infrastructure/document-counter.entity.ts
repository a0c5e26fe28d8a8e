import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Gap-free numbers (invoices): the counter row is incremented inside the transaction that uses
 * the number, so a rollback gives the number back and a restart or crash never skips ahead (a sequence
 * pre-allocates 32 values in its WAL record and skips them after every unclean stop).
 */
@Entity('document_counter')
export class DocumentCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'bigint' })
  last!: string;
}
