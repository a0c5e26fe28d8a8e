import { Injectable } from '@nestjs/common';
import type { Channel } from '@orderhub/contracts';
import { TransactionManager } from '@orderhub/persistence';
import type { PriceRule } from '@orderhub/pricing';
import type { Page } from '../application/page';
import {
  PriceRuleStore,
  type PriceRuleDraft,
  type PriceRuleListQuery,
  type StoredPriceRule,
} from '../application/price-rule-repository.port';
import { isUuid } from './customer.repository';
import { PriceRuleEntity } from './price-rule.entity';
import { decimalOut, escapeLike, isoOut, moneyOut } from './sql.helpers';

@Injectable()
export class TypeormPriceRuleRepository extends PriceRuleStore {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private rules() {
    return this.tx.manager().getRepository(PriceRuleEntity);
  }

  async applicableRules(
    sku: string,
    customerId: string | null,
    customerGroup: string | null,
    channel: Channel | null,
    at: Date,
  ): Promise<PriceRule[]> {
    return (await this.applicableRulesForSkus([sku], customerId, customerGroup, channel, at)).get(sku) ?? [];
  }

  async applicableRulesForSkus(
    skus: readonly string[],
    customerId: string | null,
    customerGroup: string | null,
    channel: Channel | null,
    at: Date,
  ): Promise<Map<string, PriceRule[]>> {
    const bySku = new Map<string, PriceRule[]>(skus.map((s) => [s, []]));
    if (skus.length === 0) return bySku;
    const qb = this.rules()
      .createQueryBuilder('r')
      .where('r.sku IN (:...skus)', { skus: [...new Set(skus)] })
      // A scope field that is set must match; an unset one matches everyone.
      .andWhere(customerId && isUuid(customerId) ? '(r.customer_id IS NULL OR r.customer_id = :customerId)' : 'r.customer_id IS NULL', {
        customerId,
      })
      .andWhere(customerGroup ? '(r.customer_group IS NULL OR r.customer_group = :customerGroup)' : 'r.customer_group IS NULL', {
        customerGroup,
      })
      .andWhere(channel ? '(r.channel IS NULL OR r.channel = :channel)' : 'r.channel IS NULL', { channel })
      .andWhere('(r.valid_from IS NULL OR r.valid_from <= :at)', { at })
      .andWhere('(r.valid_to IS NULL OR r.valid_to > :at)', { at })
      .orderBy('r.priority', 'DESC')
      .addOrderBy('r.id', 'ASC');
    for (const row of await qb.getMany()) {
      const rule = ruleOut(row);
      bySku.get(rule.sku)?.push(rule);
    }
    return bySku;
  }

  async findById(id: string): Promise<StoredPriceRule | null> {
    if (!isUuid(id)) return null;
    const row = await this.rules().findOne({ where: { id } });
    return row ? ruleOut(row) : null;
  }

  async findByCode(code: string): Promise<StoredPriceRule | null> {
    const row = await this.rules().findOne({ where: { code } });
    return row ? ruleOut(row) : null;
  }

  async list(query: PriceRuleListQuery): Promise<Page<StoredPriceRule>> {
    const qb = this.rules().createQueryBuilder('r').where('1 = 1');
    if (query.sku) qb.andWhere('r.sku = :sku', { sku: query.sku });
    if (query.customerId) qb.andWhere(isUuid(query.customerId) ? 'r.customer_id = :customerId' : '1 = 0', { customerId: query.customerId });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    const q = query.q?.trim();
    if (q) {
      qb.andWhere('(r.sku ILIKE :prefix OR r.code ILIKE :prefix OR r.description ILIKE :anywhere)', {
        prefix: `${escapeLike(q)}%`,
        anywhere: `%${escapeLike(q)}%`,
      });
    }
    const [rows, total] = await qb
      .orderBy('r.sku', 'ASC')
      .addOrderBy('r.kind', 'ASC')
      .addOrderBy('r.priority', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(ruleOut), total };
  }

  async upsert(draft: PriceRuleDraft, id?: string): Promise<{ rule: StoredPriceRule; created: boolean }> {
    const repo = this.rules();
    const existing =
      id && isUuid(id) ? await repo.findOne({ where: { id } }) : draft.code ? await repo.findOne({ where: { code: draft.code } }) : null;
    const row = existing ?? repo.create();
    if (!existing && id) row.id = id;
    Object.assign(row, {
      code: draft.code ?? null,
      kind: draft.kind,
      sku: draft.sku,
      customerId: draft.customerId ?? null,
      customerGroup: draft.customerGroup ?? null,
      channel: draft.channel ?? null,
      minQuantity: draft.minQuantity ?? null,
      price: draft.price ?? null,
      discountPercent: draft.discountPercent ?? null,
      validFrom: draft.validFrom ? new Date(instant(draft.validFrom)) : null,
      validTo: draft.validTo ? new Date(instant(draft.validTo)) : null,
      priority: draft.priority ?? 0,
      net: draft.net ?? false,
      description: draft.description ?? null,
    });
    const saved = await repo.save(row);
    return { rule: ruleOut(saved), created: !existing };
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.rules().delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

/** A date without a time means 00:00 UTC, as the pricing engine reads it. */
function instant(value: string): string {
  return value.length === 10 ? `${value}T00:00:00Z` : value;
}

function ruleOut(row: PriceRuleEntity): StoredPriceRule {
  const rule: StoredPriceRule = { id: row.id, kind: row.kind, sku: row.sku, priority: row.priority, createdAt: isoOut(row.createdAt) };
  if (row.code !== null) rule.code = row.code;
  if (row.customerId !== null) rule.customerId = row.customerId;
  if (row.customerGroup !== null) rule.customerGroup = row.customerGroup;
  if (row.channel !== null) rule.channel = row.channel;
  if (row.minQuantity !== null) rule.minQuantity = decimalOut(row.minQuantity);
  if (row.price !== null) rule.price = moneyOut(row.price);
  if (row.discountPercent !== null) rule.discountPercent = decimalOut(row.discountPercent);
  if (row.validFrom !== null) rule.validFrom = isoOut(row.validFrom);
  if (row.validTo !== null) rule.validTo = isoOut(row.validTo);
  if (row.net) rule.net = true;
  if (row.description !== null) rule.description = row.description;
  return rule;
}
