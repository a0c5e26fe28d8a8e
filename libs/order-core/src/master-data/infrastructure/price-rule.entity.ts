import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@orderhub/contracts';
import type { PriceRuleKind } from '@orderhub/pricing';
import { CustomerEntity } from './customer.entity';
import { ProductEntity } from './product.entity';

@Entity('price_rule')
@Index('ix_price_rule_sku', ['sku'])
export class PriceRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_price_rule_code', { unique: true })
  @Column({ type: 'varchar', length: 80, nullable: true })
  code!: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind!: PriceRuleKind;

  @Column({ type: 'varchar', length: 60 })
  sku!: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'sku', referencedColumnName: 'sku' })
  product?: ProductEntity;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId!: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @Column({ name: 'customer_group', type: 'varchar', length: 60, nullable: true })
  customerGroup!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: Channel | null;

  @Column({ name: 'min_quantity', type: 'numeric', precision: 14, scale: 4, nullable: true })
  minQuantity!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true })
  price!: string | null;

  @Column({ name: 'discount_percent', type: 'numeric', precision: 7, scale: 4, nullable: true })
  discountPercent!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz', nullable: true })
  validFrom!: Date | null;

  /** Exclusive: a promotion ending at midnight ends exactly then. */
  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  @Column({ type: 'integer', default: 0 })
  priority!: number;

  /** Contract rules only: a net price takes no further discount. */
  @Column({ type: 'boolean', default: false })
  net!: boolean;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
