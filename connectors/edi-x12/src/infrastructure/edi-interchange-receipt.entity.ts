import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InterchangeStatus } from '../application/ports';

/**
 * One inbound interchange. `active_control` holds ISA13 while the interchange counts for duplicate detection
 * (accepted and inside the partner's window); the unique index on (partner_id, active_control) is what makes
 * two concurrent deliveries of one interchange produce one order. Rejected and duplicate rows leave it null.
 */
@Entity('edi_interchange_receipt')
@Index('uq_edi_interchange_active', ['partnerId', 'activeControl'], { unique: true })
@Index('ix_edi_interchange_raw', ['rawDocumentId'])
@Index('ix_edi_interchange_partner_control', ['partnerId', 'controlNumber'])
export class EdiInterchangeReceiptEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'control_number', type: 'varchar', length: 20 })
  controlNumber!: string;

  @Column({ name: 'active_control', type: 'varchar', length: 20, nullable: true })
  activeControl!: string | null;

  @Column({ name: 'raw_document_id', type: 'uuid' })
  rawDocumentId!: string;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: InterchangeStatus;

  @Column({ type: 'int', default: 0 })
  transactions!: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
