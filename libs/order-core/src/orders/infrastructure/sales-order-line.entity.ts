import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LineDecision, ProductId } from '@orderhub/contracts';
import type { SalesOrderEntity } from './sales-order.entity';

export interface LinePricing {
  listPrice: string;
  /** Per base unit, as the engine priced it. */
  baseUnitPrice: string;
  applied: Array<{ ruleId: string; kind: string; description: string; effect: string; before: string; after: string }>;
}

@Entity('sales_order_line')
@Index('uq_sales_order_line', ['salesOrderId', 'lineNumber'], { unique: true })
export class SalesOrderLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sales_order_id', type: 'uuid' })
  salesOrderId!: string;

  @ManyToOne('SalesOrderEntity', 'lines', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sales_order_id' })
  order!: SalesOrderEntity;

  @Column({ name: 'line_number', type: 'int' })
  lineNumber!: number;

  @Column({ name: 'buyer_line_number', type: 'varchar', length: 40 })
  buyerLineNumber!: string;

  @Column({ type: 'varchar', length: 80 })
  sku!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'product_ids', type: 'jsonb' })
  productIds!: ProductId[];

  /** The unit the buyer ordered in; quantities below are in it. */
  @Column({ type: 'varchar', length: 4 })
  uom!: string;

  @Column({ name: 'base_uom', type: 'varchar', length: 4 })
  baseUom!: string;

  @Column({ name: 'base_units_per_uom', type: 'numeric', precision: 16, scale: 6 })
  baseUnitsPerUom!: string;

  @Column({ type: 'numeric', precision: 16, scale: 6 })
  quantity!: string;

  @Column({ name: 'accepted_quantity', type: 'numeric', precision: 16, scale: 6 })
  acceptedQuantity!: string;

  @Column({ name: 'backordered_quantity', type: 'numeric', precision: 16, scale: 6 })
  backorderedQuantity!: string;

  @Column({ name: 'shipped_quantity', type: 'numeric', precision: 16, scale: 6, default: 0 })
  shippedQuantity!: string;

  @Column({ name: 'invoiced_quantity', type: 'numeric', precision: 16, scale: 6, default: 0 })
  invoicedQuantity!: string;

  /** Per ordered unit. */
  @Column({ name: 'unit_price', type: 'numeric', precision: 16, scale: 4 })
  unitPrice!: string;

  @Column({ name: 'buyer_unit_price', type: 'numeric', precision: 16, scale: 4, nullable: true })
  buyerUnitPrice!: string | null;

  @Column({ type: 'numeric', precision: 16, scale: 4 })
  amount!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: LineDecision['status'];

  @Column({ name: 'ack_code', type: 'varchar', length: 2 })
  ackCode!: LineDecision['ackCode'];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  acks!: Array<{ code: string; quantity: string }>;

  @Column({ name: 'scheduled_ship_date', type: 'date', nullable: true })
  scheduledShipDate!: string | null;

  @Column({ type: 'jsonb' })
  pricing!: LinePricing;
}
