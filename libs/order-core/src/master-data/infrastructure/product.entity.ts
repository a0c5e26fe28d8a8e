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

@Entity('product')
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_product_sku', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  sku!: string;

  @Column({ type: 'varchar', length: 500 })
  description!: string;

  /** Digits as entered (check digit verified); look-ups compare the zero-padded GTIN-14 form. */
  @Index('ix_product_upc')
  @Column({ type: 'varchar', length: 14, nullable: true })
  upc!: string | null;

  @Index('ix_product_gtin')
  @Column({ type: 'varchar', length: 14, nullable: true })
  gtin!: string | null;

  @Column({ type: 'varchar', length: 4 })
  uom!: string;

  /** Per base unit; numeric comes back from pg as a string, which is how money travels here. */
  @Column({ name: 'list_price', type: 'numeric', precision: 14, scale: 4 })
  listPrice!: string;

  @Column({ type: 'boolean', default: false })
  discontinued!: boolean;

  @Column({ name: 'lead_time_days', type: 'integer', default: 0 })
  leadTimeDays!: number;

  @OneToMany(() => ProductUomConversionEntity, (c) => c.product)
  conversions?: ProductUomConversionEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** 1 `uom` = `factor` base units of the product. */
@Entity('product_uom_conversion')
export class ProductUomConversionEntity {
  @Column({ type: 'varchar', length: 60, primary: true })
  sku!: string;

  @ManyToOne(() => ProductEntity, (p) => p.conversions, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'sku', referencedColumnName: 'sku' })
  product?: ProductEntity;

  @Column({ type: 'varchar', length: 4, primary: true })
  uom!: string;

  @Column({ type: 'numeric', precision: 18, scale: 6 })
  factor!: string;
}
