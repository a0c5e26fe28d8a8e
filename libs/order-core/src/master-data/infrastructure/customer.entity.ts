import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProductEntity } from './product.entity';

@Entity('customer')
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_customer_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Lower-cased addresses and '@domain' entries; looked up with `@>` (the table stays small enough to scan). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails!: string[];

  @Index('uq_customer_shopify_shop', { unique: true })
  @Column({ name: 'shopify_shop_domain', type: 'varchar', length: 255, nullable: true })
  shopifyShopDomain!: string | null;

  @Column({ name: 'shopify_customer_ids', type: 'text', array: true, default: () => "'{}'" })
  shopifyCustomerIds!: string[];

  @Column({ name: 'customer_group', type: 'varchar', length: 60, nullable: true })
  customerGroup!: string | null;

  @Column({ name: 'credit_hold', type: 'boolean', default: false })
  creditHold!: boolean;

  /** Null: the hub's default tolerance applies. */
  @Column({ name: 'price_tolerance_percent', type: 'numeric', precision: 7, scale: 4, nullable: true })
  priceTolerancePercent!: string | null;

  @OneToMany(() => ShipToEntity, (s) => s.customer)
  shipTos?: ShipToEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('ship_to')
@Index('uq_ship_to_customer_code', ['customerId', 'code'], { unique: true })
export class ShipToEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => CustomerEntity, (c) => c.shipTos, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @Column({ type: 'varchar', length: 80 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address1!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address2!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 20, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  country!: string | null;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;
}

@Entity('customer_part_number')
export class CustomerPartNumberEntity {
  @Column({ name: 'customer_id', type: 'uuid', primary: true })
  customerId!: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @Column({ name: 'part_number', type: 'varchar', length: 80, primary: true })
  partNumber!: string;

  @Index('ix_customer_part_number_sku')
  @Column({ type: 'varchar', length: 60 })
  sku!: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'sku', referencedColumnName: 'sku' })
  product?: ProductEntity;
}
