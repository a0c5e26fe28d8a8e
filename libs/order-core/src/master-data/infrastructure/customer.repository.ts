import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import { TransactionManager } from '@orderhub/persistence';
import { CustomerStore } from '../application/customer-directory.port';
import type { ListQuery, Page } from '../application/page';
import {
  emailLookupKeys,
  type Customer,
  type CustomerDraft,
  type CustomerPartNumber,
  type ShipTo,
  type ShipToDraft,
} from '../domain/customer';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import { CustomerEntity, CustomerPartNumberEntity, ShipToEntity } from './customer.entity';
import { decimalOut, escapeLike, isoOut } from './sql.helpers';

@Injectable()
export class TypeormCustomerRepository extends CustomerStore {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private customers() {
    return this.tx.manager().getRepository(CustomerEntity);
  }

  async findById(id: string): Promise<Customer | null> {
    if (!isUuid(id)) return null;
    return this.one(this.customers().createQueryBuilder('c').where('c.id = :id', { id }));
  }

  async findByCode(code: string): Promise<Customer | null> {
    return this.one(this.customers().createQueryBuilder('c').where('c.code = :code', { code: code.trim() }));
  }

  async findByEmail(address: string): Promise<Customer | null> {
    // Most specific key first: an exact address beats the domain entry (see matchCustomerByEmail).
    for (const key of emailLookupKeys(address)) {
      const found = await this.one(
        this.customers().createQueryBuilder('c').where(':key = ANY(c.emails)', { key }).orderBy('c.code', 'ASC').limit(1),
      );
      if (found) return found;
    }
    return null;
  }

  async findByShopifyShop(shopDomain: string): Promise<Customer | null> {
    return this.one(this.customers().createQueryBuilder('c').where('c.shopify_shop_domain = :d', { d: shopDomain.trim().toLowerCase() }));
  }

  async findByShopifyCustomerId(shopifyCustomerId: string): Promise<Customer | null> {
    return this.one(
      this.customers()
        .createQueryBuilder('c')
        .where(':id = ANY(c.shopify_customer_ids)', { id: String(shopifyCustomerId).trim() })
        .orderBy('c.code', 'ASC')
        .limit(1),
    );
  }

  async shipTos(customerId: string): Promise<ShipTo[]> {
    if (!isUuid(customerId)) return [];
    const rows = await this.tx
      .manager()
      .getRepository(ShipToEntity)
      .find({ where: { customerId }, order: { code: 'ASC' } });
    return rows.map(shipToOut);
  }

  async list(query: ListQuery): Promise<Page<Customer>> {
    const qb = this.customers().createQueryBuilder('c');
    const q = query.q?.trim();
    if (q) {
      // Search-as-you-type: code and email entries by prefix, name anywhere in it.
      qb.where(
        `(c.code ILIKE :prefix OR c.name ILIKE :anywhere OR EXISTS (SELECT 1 FROM unnest(c.emails) AS e(entry) WHERE e.entry ILIKE :prefix OR e.entry ILIKE :domain))`,
        { prefix: `${escapeLike(q)}%`, anywhere: `%${escapeLike(q)}%`, domain: `%@${escapeLike(q.replace(/^@/, ''))}%` },
      );
    }
    const [rows, total] = await qb.orderBy('c.code', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
    return { items: await this.withShipTos(rows), total };
  }

  async upsert(draft: CustomerDraft): Promise<{ customer: Customer; created: boolean }> {
    const existing = await this.customers().findOne({ where: { code: draft.code } });
    const repo = this.customers();
    const row = existing ?? repo.create(draft.id ? { id: draft.id, code: draft.code } : { code: draft.code });
    applyDraft(row, draft);
    const saved = await repo.save(row);
    if (draft.shipTo) await this.upsertShipTos(saved.id, draft.shipTo);
    return { customer: (await this.findById(saved.id))!, created: !existing };
  }

  async update(id: string, change: Partial<CustomerDraft>): Promise<Customer> {
    const row = isUuid(id) ? await this.customers().findOne({ where: { id } }) : null;
    if (!row) throw MasterDataNotFoundError.customer(id);
    if (change.code !== undefined) row.code = change.code;
    if (change.name !== undefined) row.name = change.name;
    applyDraft(row, change);
    await this.customers().save(row);
    if (change.shipTo) await this.upsertShipTos(row.id, change.shipTo);
    return (await this.findById(row.id))!;
  }

  async findEmailOwner(entries: readonly string[], exceptId?: string): Promise<{ entry: string; customer: Customer } | null> {
    if (entries.length === 0) return null;
    const qb = this.customers()
      .createQueryBuilder('c')
      .where('c.emails && CAST(:entries AS text[])', { entries: [...entries] });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    const owner = await this.one(qb.orderBy('c.code', 'ASC').limit(1));
    if (!owner) return null;
    return { entry: entries.find((e) => owner.emails.includes(e)) ?? entries[0], customer: owner };
  }

  async partNumbers(customerId: string): Promise<CustomerPartNumber[]> {
    if (!isUuid(customerId)) return [];
    const rows = await this.tx
      .manager()
      .getRepository(CustomerPartNumberEntity)
      .find({ where: { customerId }, order: { partNumber: 'ASC' } });
    return rows.map((r) => ({ customerId: r.customerId, partNumber: r.partNumber, sku: r.sku }));
  }

  async upsertPartNumber(mapping: CustomerPartNumber): Promise<{ created: boolean; previousSku: string | null }> {
    const repo = this.tx.manager().getRepository(CustomerPartNumberEntity);
    const existing = await repo.findOne({ where: { customerId: mapping.customerId, partNumber: mapping.partNumber } });
    await repo.upsert({ customerId: mapping.customerId, partNumber: mapping.partNumber, sku: mapping.sku }, ['customerId', 'partNumber']);
    return { created: !existing, previousSku: existing?.sku ?? null };
  }

  private async upsertShipTos(customerId: string, drafts: readonly ShipToDraft[]): Promise<void> {
    const repo = this.tx.manager().getRepository(ShipToEntity);
    for (const d of drafts) {
      await repo.upsert(
        {
          customerId,
          code: d.code,
          name: d.name,
          address1: d.address1 ?? null,
          address2: d.address2 ?? null,
          city: d.city ?? null,
          region: d.region ?? null,
          postalCode: d.postalCode ?? null,
          country: d.country ?? null,
          isDefault: d.isDefault ?? false,
        },
        ['customerId', 'code'],
      );
    }
    // One default at most: the last ship-to marked default in this change wins.
    const lastDefault = [...drafts].reverse().find((d) => d.isDefault);
    if (lastDefault) {
      await repo
        .createQueryBuilder()
        .update()
        .set({ isDefault: () => `("code" = :code)` })
        .where('customer_id = :customerId', { customerId })
        .setParameter('code', lastDefault.code)
        .execute();
    }
  }

  private async one(qb: SelectQueryBuilder<CustomerEntity>): Promise<Customer | null> {
    const row = await qb.getOne();
    if (!row) return null;
    return (await this.withShipTos([row]))[0];
  }

  private async withShipTos(rows: CustomerEntity[]): Promise<Customer[]> {
    if (rows.length === 0) return [];
    const shipTos = await this.tx
      .manager()
      .getRepository(ShipToEntity)
      .find({ where: { customerId: In(rows.map((r) => r.id)) }, order: { code: 'ASC' } });
    return rows.map((r) =>
      customerOut(
        r,
        shipTos.filter((s) => s.customerId === r.id),
      ),
    );
  }
}

function applyDraft(row: CustomerEntity, draft: Partial<CustomerDraft>): void {
  if (draft.name !== undefined) row.name = draft.name;
  if (draft.emails !== undefined) row.emails = draft.emails;
  if (draft.shopifyShopDomain !== undefined) row.shopifyShopDomain = draft.shopifyShopDomain;
  if (draft.shopifyCustomerIds !== undefined) row.shopifyCustomerIds = draft.shopifyCustomerIds;
  if (draft.customerGroup !== undefined) row.customerGroup = draft.customerGroup;
  if (draft.creditHold !== undefined) row.creditHold = draft.creditHold;
  if (draft.priceTolerancePercent !== undefined) row.priceTolerancePercent = draft.priceTolerancePercent;
  row.emails ??= [];
  row.shopifyCustomerIds ??= [];
  row.shopifyShopDomain ??= null;
  row.customerGroup ??= null;
  row.creditHold ??= false;
  row.priceTolerancePercent ??= null;
}

function customerOut(row: CustomerEntity, shipTos: ShipToEntity[]): Customer {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    emails: row.emails,
    shopifyShopDomain: row.shopifyShopDomain,
    shopifyCustomerIds: row.shopifyCustomerIds,
    customerGroup: row.customerGroup,
    creditHold: row.creditHold,
    priceTolerancePercent: row.priceTolerancePercent === null ? null : decimalOut(row.priceTolerancePercent),
    shipTos: shipTos.map(shipToOut),
    createdAt: isoOut(row.createdAt),
    updatedAt: isoOut(row.updatedAt),
  };
}

function shipToOut(s: ShipToEntity): ShipTo {
  return {
    code: s.code,
    name: s.name,
    address1: s.address1,
    address2: s.address2,
    city: s.city,
    region: s.region,
    postalCode: s.postalCode,
    country: s.country,
    isDefault: s.isDefault,
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are user input; a non-uuid is simply not found, rather than a PostgreSQL cast error. */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
