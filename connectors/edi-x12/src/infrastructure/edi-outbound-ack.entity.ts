import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OutboundAckCode } from '../application/outbound-ack-ledger';

/**
 * What the partner said about one document we sent (855, 856, 810...): matched from their 997/999 by GS06 and
 * ST02 (AK1/AK2) and from their TA1 by ISA13. Until then it is awaiting, and overdue once `due_at` has passed.
 */
@Entity('edi_outbound_ack')
@Index('ix_edi_outbound_ack_group', ['partnerId', 'groupControl'])
@Index('ix_edi_outbound_ack_interchange', ['partnerId', 'interchangeControl'])
@Index('ix_edi_outbound_ack_status_due', ['status', 'dueAt'])
export class EdiOutboundAckEntity {
  /** The outbound document's id. */
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: string;

  @Column({ name: 'interchange_control', type: 'varchar', length: 9 })
  interchangeControl!: string;

  @Column({ name: 'group_control', type: 'varchar', length: 9 })
  groupControl!: string;

  @Column({ name: 'set_control', type: 'varchar', length: 9 })
  setControl!: string;

  /** awaiting, accepted, accepted-with-errors, rejected. */
  @Column({ type: 'varchar', length: 24, default: 'awaiting' })
  status!: string;

  /** AK5/IK5, AK9, AK3/AK4 (IK3/IK4) or TA1 codes of a rejection, as received. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  codes!: OutboundAckCode[];

  @Column({ name: 'ack_raw_document_id', type: 'uuid', nullable: true })
  ackRawDocumentId!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
