import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('shipment')
@Index('ix_shipment_order', ['salesOrderId'])
export class ShipmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sales_order_id', type: 'uuid' })
  salesOrderId!: string;

  @Column({ type: 'jsonb' })
  lines!: Array<{ lineNumber: number; quantity: string }>;

  @Column({ type: 'varchar', length: 120 })
  actor!: string;

  /** When the goods left (as reported; the recording time by default). */
  @Column({ name: 'shipped_at', type: 'timestamptz', default: () => 'now()' })
  shippedAt!: Date;

  @Column({ type: 'varchar', length: 80, nullable: true })
  carrier!: string | null;

  @Column({ name: 'tracking_number', type: 'varchar', length: 80, nullable: true })
  trackingNumber!: string | null;

  /** Cartons with their SSCC-18 (check digit verified) and what each holds, for the ship notice's pack level. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  cartons!: Array<{ sscc?: string; lines: Array<{ lineNumber: number; quantity: string }> }>;
}

@Entity('invoice')
@Index('ix_invoice_order', ['salesOrderId'])
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20, unique: true })
  number!: string;

  @Column({ name: 'sales_order_id', type: 'uuid' })
  salesOrderId!: string;

  @Column({ name: 'shipment_id', type: 'uuid', unique: true })
  shipmentId!: string;

  @Column({ type: 'numeric', precision: 16, scale: 4 })
  total!: string;

  @Column({ type: 'jsonb' })
  lines!: Array<{ lineNumber: number; sku: string; quantity: string; unitPrice: string; amount: string }>;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
