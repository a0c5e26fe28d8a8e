import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  HashTotalPolicy,
  IsaWidthPolicy,
  PartnerDelimiters,
  PartnerDestination,
  PartnerDocument,
  PartnerVersion,
} from '../domain/trading-partner';
import type { PartnerConnection } from '../domain/partner-connection';

/** An EDI trading partner. customer_id is not a foreign key: master data may be seeded after partners. */
@Entity('trading_partner')
@Index('uq_trading_partner_isa', ['isaQualifier', 'isaId'], { unique: true })
@Index('uq_trading_partner_api_key', ['apiKeyHash'], { unique: true })
export class TradingPartnerEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'isa_qualifier', type: 'varchar', length: 2 })
  isaQualifier!: string;

  @Column({ name: 'isa_id', type: 'varchar', length: 15 })
  isaId!: string;

  @Column({ name: 'gs_id', type: 'varchar', length: 15 })
  gsId!: string;

  @Column({ type: 'varchar', length: 6 })
  version!: PartnerVersion;

  @Column({ type: 'text', array: true })
  documents!: PartnerDocument[];

  /** Outbound delimiters; inbound ones are read from each ISA. */
  @Column({ type: 'jsonb' })
  delimiters!: PartnerDelimiters;

  @Column({ name: 'api_key_hash', type: 'char', length: 64 })
  apiKeyHash!: string;

  // Written as PostgreSQL prints a jsonb default back (with the space), so the schema diff stays empty.
  @Column({ type: 'jsonb', default: () => `'{"kind": "folder"}'` })
  destination!: PartnerDestination;

  /** How documents travel (API.md `connection`); SFTP secrets sealed with HUB_SECRETS_KEY. */
  @Column({ type: 'jsonb', default: () => `'{"type": "http"}'` })
  connection!: PartnerConnection;

  @Column({ name: 'duplicate_window_hours', type: 'int', default: 72 })
  duplicateWindowHours!: number;

  @Column({ name: 'hash_total_policy', type: 'varchar', length: 10, default: 'warning' })
  hashTotalPolicy!: HashTotalPolicy;

  @Column({ name: 'isa_width', type: 'varchar', length: 10, default: 'lenient' })
  isaWidth!: IsaWidthPolicy;

  @Column({ name: 'ack_overdue_hours', type: 'int', default: 24 })
  ackOverdueHours!: number;

  @Column({ name: 'ack_changes_with_855', type: 'boolean', default: false })
  ackChangesWith855!: boolean;

  /** HH:MM UTC of the daily 846, when the partner takes one. */
  @Column({ name: 'inventory_advice_at', type: 'varchar', length: 5, nullable: true })
  inventoryAdviceAt!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Last control numbers handed out to a partner (one row, three counters). */
@Entity('edi_control_sequence')
export class EdiControlSequenceEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'isa_last', type: 'int', default: 0 })
  isaLast!: number;

  @Column({ name: 'gs_last', type: 'int', default: 0 })
  gsLast!: number;

  @Column({ name: 'st_last', type: 'int', default: 0 })
  stLast!: number;
}
