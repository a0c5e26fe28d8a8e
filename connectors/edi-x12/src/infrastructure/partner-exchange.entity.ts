import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ExchangeDirection, ExchangeProtocol, ExchangeStatus } from '../application/partner-exchanges';

/** One AS2 message or SFTP file over a partner connection, with the MDN kept beside it. */
@Entity('partner_exchange')
@Index('ix_partner_exchange_partner', ['partnerId', 'createdAt'])
@Index('ix_partner_exchange_reference', ['protocol', 'direction', 'reference'])
@Index('ix_partner_exchange_outbound', ['outboundDocumentId'])
export class PartnerExchangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  protocol!: ExchangeProtocol;

  @Column({ type: 'varchar', length: 3 })
  direction!: ExchangeDirection;

  @Column({ type: 'varchar', length: 1000 })
  reference!: string;

  @Column({ name: 'raw_document_id', type: 'uuid', nullable: true })
  rawDocumentId!: string | null;

  @Column({ name: 'outbound_document_id', type: 'uuid', nullable: true })
  outboundDocumentId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ExchangeStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  mic!: string | null;

  @Column({ type: 'text', nullable: true })
  mdn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disposition!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
