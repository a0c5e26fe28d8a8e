import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ProductEntity } from './product.entity';

@Entity('inventory')
@Check('ck_inventory_nonnegative', '"on_hand" >= 0 AND "reserved" >= 0')
export class InventoryEntity {
  @Column({ type: 'varchar', length: 60, primary: true })
  sku!: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'sku', referencedColumnName: 'sku' })
  product?: ProductEntity;

  @Column({ type: 'varchar', length: 20, primary: true })
  warehouse!: string;

  @Column({ name: 'on_hand', type: 'numeric', precision: 14, scale: 4, default: 0 })
  onHand!: string;

  @Column({ type: 'numeric', precision: 14, scale: 4, default: 0 })
  reserved!: string;

  /** Bumped on every change, so an admin screen can tell a stale count from a current one. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One line's promise from one warehouse. `quantity` is what is still held; shipping and releasing reduce it. */
@Entity('stock_reservation')
@Index('ix_stock_reservation_order', ['salesOrderId', 'lineNumber'])
export class StockReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Text, not uuid: the sales-order module owns the id format. */
  @Column({ name: 'sales_order_id', type: 'varchar', length: 64 })
  salesOrderId!: string;

  @Column({ name: 'line_number', type: 'integer' })
  lineNumber!: number;

  @Column({ type: 'varchar', length: 60 })
  sku!: string;

  @Column({ type: 'varchar', length: 20 })
  warehouse!: string;

  @Column({ type: 'numeric', precision: 14, scale: 4 })
  quantity!: string;

  @Column({ name: 'shipped_quantity', type: 'numeric', precision: 14, scale: 4, default: 0 })
  shippedQuantity!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}
