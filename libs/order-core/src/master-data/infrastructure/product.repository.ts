import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import type { DecimalString } from '@orderhub/contracts';
import { TransactionManager } from '@orderhub/persistence';
import { normalizeGtin } from '../../domain/product-resolution';
import type { ListQuery, Page } from '../application/page';
import { ProductStore } from '../application/product-catalog.port';
import { normalizeUom, type Product, type ProductDraft } from '../domain/product';
import { CustomerPartNumberEntity } from './customer.entity';
import { isUuid } from './customer.repository';
import { ProductEntity, ProductUomConversionEntity } from './product.entity';
import { decimalOut, escapeLike, isoOut, moneyOut } from './sql.helpers';

@Injectable()
export class TypeormProductRepository extends ProductStore {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private products() {
    return this.tx.manager().getRepository(ProductEntity);
  }

  async findById(id: string): Promise<Product | null> {
    if (!isUuid(id)) return null;
    return this.one(this.products().createQueryBuilder('p').where('p.id = :id', { id }));
  }

  async findBySku(sku: string): Promise<Product | null> {
    return this.one(this.products().createQueryBuilder('p').where('p.sku = :sku', { sku: sku.trim() }));
  }

  async findByGtinOrUpc(code: string): Promise<Product | null> {
    const gtin = normalizeGtin(code);
    if (gtin === null) return null;
    // UPC-A 036000291452 and GTIN-14 00036000291452 are the same number: compare the padded forms.
    return this.one(
      this.products()
        .createQueryBuilder('p')
        .where(`(lpad(p.upc, 14, '0') = :gtin OR lpad(p.gtin, 14, '0') = :gtin)`, { gtin })
        .orderBy('p.sku', 'ASC')
        .limit(1),
    );
  }

  async findByCustomerPartNumber(customerId: string, partNumber: string): Promise<Product | null> {
    if (!isUuid(customerId)) return null;
    const mapping = await this.tx
      .manager()
      .getRepository(CustomerPartNumberEntity)
      .findOne({ where: { customerId, partNumber: partNumber.trim() } });
    return mapping ? this.findBySku(mapping.sku) : null;
  }

  async uomFactor(sku: string, uom: string): Promise<DecimalString | null> {
    const product = await this.findBySku(sku);
    if (!product) return null;
    const unit = normalizeUom(uom);
    if (unit === product.uom) return '1';
    return product.conversions.find((c) => c.uom === unit)?.factor ?? null;
  }

  async list(query: ListQuery): Promise<Page<Product>> {
    const qb = this.products().createQueryBuilder('p');
    const q = query.q?.trim();
    if (q) {
      // Search-as-you-type: SKU and barcodes by prefix, description anywhere in it.
      qb.where(`(p.sku ILIKE :prefix OR p.description ILIKE :anywhere OR p.upc LIKE :prefix OR p.gtin LIKE :prefix)`, {
        prefix: `${escapeLike(q)}%`,
        anywhere: `%${escapeLike(q)}%`,
      });
    }
    const [rows, total] = await qb.orderBy('p.sku', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
    return { items: await this.withConversions(rows), total };
  }

  async existingSkus(skus: readonly string[]): Promise<Set<string>> {
    if (skus.length === 0) return new Set();
    const rows = await this.products().find({ select: { sku: true }, where: { sku: In([...new Set(skus)]) } });
    return new Set(rows.map((r) => r.sku));
  }

  async upsert(draft: ProductDraft): Promise<{ product: Product; created: boolean }> {
    const repo = this.products();
    const existing = await repo.findOne({ where: { sku: draft.sku } });
    const row = existing ?? repo.create({ sku: draft.sku });
    row.description = draft.description;
    row.uom = normalizeUom(draft.uom);
    row.listPrice = draft.listPrice;
    if (draft.upc !== undefined) row.upc = draft.upc;
    if (draft.gtin !== undefined) row.gtin = draft.gtin;
    if (draft.discontinued !== undefined) row.discontinued = draft.discontinued;
    if (draft.leadTimeDays !== undefined) row.leadTimeDays = draft.leadTimeDays;
    row.upc ??= null;
    row.gtin ??= null;
    row.discontinued ??= false;
    row.leadTimeDays ??= 0;
    const saved = await repo.save(row);
    if (draft.conversions) {
      const conversions = this.tx.manager().getRepository(ProductUomConversionEntity);
      await conversions.delete({ sku: saved.sku });
      if (draft.conversions.length > 0) {
        await conversions.insert(draft.conversions.map((c) => ({ sku: saved.sku, uom: normalizeUom(c.uom), factor: c.factor })));
      }
    }
    return { product: (await this.findBySku(saved.sku))!, created: !existing };
  }

  private async one(qb: SelectQueryBuilder<ProductEntity>): Promise<Product | null> {
    const row = await qb.getOne();
    return row ? (await this.withConversions([row]))[0] : null;
  }

  private async withConversions(rows: ProductEntity[]): Promise<Product[]> {
    if (rows.length === 0) return [];
    const conversions = await this.tx
      .manager()
      .getRepository(ProductUomConversionEntity)
      .find({ where: { sku: In(rows.map((r) => r.sku)) }, order: { uom: 'ASC' } });
    return rows.map((r) =>
      productOut(
        r,
        conversions.filter((c) => c.sku === r.sku),
      ),
    );
  }
}

function productOut(row: ProductEntity, conversions: ProductUomConversionEntity[]): Product {
  return {
    id: row.id,
    sku: row.sku,
    description: row.description,
    upc: row.upc,
    gtin: row.gtin,
    uom: row.uom,
    listPrice: moneyOut(row.listPrice),
    discontinued: row.discontinued,
    leadTimeDays: row.leadTimeDays,
    conversions: conversions.map((c) => ({ uom: c.uom, factor: decimalOut(c.factor) })),
    createdAt: isoOut(row.createdAt),
    updatedAt: isoOut(row.updatedAt),
  };
}
