import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A customer's PDF layout template (master data). The JSON is validated with `parseLayoutTemplate` on the way in
 * and again on the way out, so a template stored under an older schema is skipped rather than misread.
 */
@Entity('email_layout_template')
@Index('ix_email_layout_template_customer', ['customerId'])
export class EmailLayoutTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'jsonb' })
  template!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
