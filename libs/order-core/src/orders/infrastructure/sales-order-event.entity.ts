import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The order's audit trail: every status change and action, who or what did it, and when. */
@Entity('sales_order_event')
@Index('ix_sales_order_event_order', ['salesOrderId', 'at'])
export class SalesOrderEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sales_order_id', type: 'uuid' })
  salesOrderId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** Status after the event (unchanged for actions such as a payment). */
  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  /** 'system', 'user:<id>', 'partner:<id>', 'channel:shopify'... */
  @Column({ type: 'varchar', length: 120 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
