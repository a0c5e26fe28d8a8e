import { Injectable, Logger } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { LayoutTemplateRepository } from '../application/ports';
import { parseLayoutTemplate, type LayoutTemplate } from '../domain/layout-template.schema';
import { EmailLayoutTemplateEntity } from './email-layout-template.entity';

export interface StoredLayoutTemplate {
  id: string;
  customerId: string;
  name: string;
  template: LayoutTemplate;
  createdAt: Date;
}

/** Layout templates in `email_layout_template`; joins the caller's transaction. */
@Injectable()
export class TypeormLayoutTemplateRepository extends LayoutTemplateRepository {
  private readonly logger = new Logger('email-layout-templates');

  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(EmailLayoutTemplateEntity);
  }

  async forCustomer(customerId: string): Promise<LayoutTemplate[]> {
    return (await this.list(customerId)).map((t) => t.template);
  }

  async list(customerId: string): Promise<StoredLayoutTemplate[]> {
    const rows = await this.repo().find({ where: { customerId }, order: { createdAt: 'ASC' } });
    return rows.flatMap((row) => {
      const template = toTemplate(row);
      if (template) return [{ id: row.id, customerId: row.customerId, name: row.name, template, createdAt: row.createdAt }];
      // Extraction falls back to the generic reader; a broken template must not stop the mailbox.
      this.logger.warn(`layout template ${row.id} no longer validates; ignored`);
      return [];
    });
  }

  /** `template` was validated by the caller; its id and customer are the row's. */
  async create(customerId: string, template: LayoutTemplate): Promise<StoredLayoutTemplate> {
    const id = crypto.randomUUID();
    const stored: LayoutTemplate = { ...template, id, customerId };
    const row = await this.repo().save(
      this.repo().create({ id, customerId, name: stored.name, template: stored as unknown as Record<string, unknown> }),
    );
    return { id: row.id, customerId: row.customerId, name: row.name, template: stored, createdAt: row.createdAt };
  }

  async add(customerId: string, template: LayoutTemplate): Promise<string> {
    return (await this.create(customerId, template)).id;
  }

  async get(id: string): Promise<StoredLayoutTemplate | null> {
    const row = await this.repo().findOne({ where: { id } });
    const template = row ? toTemplate(row) : null;
    return row && template ? { id: row.id, customerId: row.customerId, name: row.name, template, createdAt: row.createdAt } : null;
  }

  /** Replaces a template's content (an admin's edit) and bumps its version; null when there is no such template. */
  async replace(id: string, template: LayoutTemplate): Promise<StoredLayoutTemplate | null> {
    const row = await this.repo().findOne({ where: { id } });
    if (!row) return null;
    const stored: LayoutTemplate = { ...template, id, customerId: row.customerId, version: (toTemplate(row)?.version ?? 0) + 1 };
    row.name = stored.name;
    row.template = stored as unknown as Record<string, unknown>;
    await this.repo().save(row);
    return { id, customerId: row.customerId, name: stored.name, template: stored, createdAt: row.createdAt };
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.repo().delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

function toTemplate(row: EmailLayoutTemplateEntity): LayoutTemplate | null {
  try {
    return parseLayoutTemplate({ ...row.template, id: row.id, customerId: row.customerId });
  } catch {
    return null;
  }
}
