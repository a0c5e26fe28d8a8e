import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { HubError, InvalidInputError } from '@orderhub/contracts';
import { TransactionRunner } from '@orderhub/persistence';
import type { CustomerDraft } from '../domain/customer';
import { ImportRejectedError, UnknownReferenceError, ValidationFailedError, type ImportRowError } from '../domain/master-data.errors';
import { CsvSyntaxError, csvToObjects } from './csv.parser';
import { CustomerStore } from './customer-directory.port';
import { assertCustomerKeysFree } from './customer-keys';
import { resolvePriceRuleReferences } from './create-price-rule.use-case';
import {
  createCustomerSchema,
  createProductSchema,
  inventoryImportSchema,
  partNumberImportSchema,
  priceRuleSchema,
  rowProblems,
} from './master-data.schemas';
import { PriceRuleStore } from './price-rule-repository.port';
import { ProductStore } from './product-catalog.port';
import { InventoryStore } from './stock-ledger.port';
import { assertWholePieces } from './set-inventory.use-case';

export const IMPORT_KINDS = ['customers', 'products', 'price-rules', 'inventory', 'part-numbers'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportResult {
  imported: number;
  updated: number;
  errors: ImportRowError[];
  /** A preview: every row was checked against the database as it is, then the transaction was rolled back. */
  dryRun?: boolean;
}

/** Thrown inside a preview's transaction so that it rolls back; carries what the import would have done. */
class PreviewRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('import preview: rolled back');
  }
}

/** Most a single import takes; bigger catalogues go in several files (each one is one transaction). */
export const MAX_IMPORT_ROWS = 20000;

/**
 * CSV columns are the JSON field names; nested ship-to fields are `shipTo.code`, `shipTo.name`, ...; lists
 * (`emails`, `shopifyCustomerIds`) are separated by ';'; conversions are written `CS=12;PL=480`. Several customer
 * rows with the same code add one ship-to each.
 */
const CSV_LISTS = new Set(['emails', 'shopifyCustomerIds']);
const CSV_BOOLEANS = new Set(['creditHold', 'discontinued', 'net', 'shipTo.isDefault']);
const CSV_INTEGERS = new Set(['leadTimeDays', 'priority']);

type Row = { row: number; values: Record<string, unknown> };

/**
 * Bulk upsert by natural key (customer code, sku, price-rule code, sku+warehouse, customer+part number), all or
 * nothing: every row is checked inside one transaction, and if any row fails the transaction is rolled back and
 * every problem is reported (422), so an admin fixes the whole file once.
 */
@Injectable()
export class ImportMasterDataUseCase {
  constructor(
    private readonly customers: CustomerStore,
    private readonly products: ProductStore,
    private readonly rules: PriceRuleStore,
    private readonly inventory: InventoryStore,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * With `dryRun`, the same work runs in a transaction that is always rolled back: the answer lists every row
   * problem (or what would be imported and updated) and nothing is written.
   */
  async execute(kind: ImportKind, body: unknown, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
    const rows = toRows(body);
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new InvalidInputError('IMPORT.TOO_MANY_ROWS', `at most ${MAX_IMPORT_ROWS} rows per import (got ${rows.length})`, {
        max: MAX_IMPORT_ROWS,
      });
    }
    const work = this.tx.run(async () => {
      const result: ImportResult = { imported: 0, updated: 0, errors: [] };
      for (const row of rows) {
        try {
          const created = await this.importRow(kind, row, result.errors);
          if (created === true) result.imported += 1;
          else if (created === false) result.updated += 1;
        } catch (error) {
          // Domain refusals (unknown sku, taken email) are row problems; anything else aborts the import.
          if (!(error instanceof HubError)) throw error;
          const field = typeof error.details.field === 'string' ? error.details.field : 'row';
          result.errors.push({ row: row.row, field, message: `${error.code}: ${error.message}` });
        }
      }
      if (options.dryRun) throw new PreviewRollback({ ...result, dryRun: true });
      if (result.errors.length > 0) throw new ImportRejectedError(result.errors);
      return result;
    });
    return work.catch((error: unknown) => {
      if (error instanceof PreviewRollback) return error.result;
      throw error;
    });
  }

  /** True when the row created something, false when it updated, null when it was invalid. */
  private async importRow(kind: ImportKind, row: Row, errors: ImportRowError[]): Promise<boolean | null> {
    switch (kind) {
      case 'customers': {
        const input = parse(createCustomerSchema, row, errors);
        if (!input) return null;
        const existing = await this.customers.findByCode(input.code);
        // Upsert: an existing customer takes only the fields the row gives.
        const draft = existing ? ({ ...given(input, row.values), code: input.code, name: input.name } as CustomerDraft) : input;
        await assertCustomerKeysFree(this.customers, draft, existing?.id);
        return (await this.customers.upsert(draft)).created;
      }
      case 'products': {
        const input = parse(createProductSchema, row, errors);
        if (!input) return null;
        return (await this.products.upsert(input)).created;
      }
      case 'price-rules': {
        const input = parse(priceRuleSchema, row, errors);
        if (!input) return null;
        const draft = await resolvePriceRuleReferences(input, this.customers, this.products);
        const existing = draft.code ? await this.rules.findByCode(draft.code) : null;
        return (await this.rules.upsert(draft, existing?.id)).created;
      }
      case 'inventory': {
        const input = parse(inventoryImportSchema, row, errors);
        if (!input) return null;
        const product = await this.products.findBySku(input.sku);
        if (!product) throw UnknownReferenceError.sku(input.sku);
        assertWholePieces(input.onHand, product.uom, 'onHand');
        return (await this.inventory.setOnHand(input.sku, input.warehouse, input.onHand)).created;
      }
      case 'part-numbers': {
        const input = parse(partNumberImportSchema, row, errors);
        if (!input) return null;
        const customer = input.customerId
          ? await this.customers.findById(input.customerId)
          : await this.customers.findByCode(input.customerCode ?? '');
        if (!customer)
          throw UnknownReferenceError.customer(
            input.customerId ?? input.customerCode ?? '',
            input.customerId ? 'customerId' : 'customerCode',
          );
        if (!(await this.products.findBySku(input.sku))) throw UnknownReferenceError.sku(input.sku);
        return (await this.customers.upsertPartNumber({ customerId: customer.id, partNumber: input.partNumber, sku: input.sku })).created;
      }
      default: {
        const unknownKind: never = kind;
        throw new InvalidInputError('VALIDATION.FAILED', `unknown import kind ${String(unknownKind)}`);
      }
    }
  }
}

function parse<S extends z.ZodType>(schema: S, row: Row, errors: ImportRowError[]): z.output<S> | null {
  const result = schema.safeParse(row.values);
  if (result.success) return result.data;
  errors.push(...rowProblems(row.row, result.error));
  return null;
}

/** The parsed fields the row actually carried (absent ones keep the stored value). */
function given<T extends object>(parsed: T, raw: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => k in raw)) as Partial<T>;
}

/** A JSON array (or `{"items": [...]}`) or CSV text into numbered rows. */
export function toRows(body: unknown): Row[] {
  if (typeof body === 'string') {
    try {
      return csvToObjects(body).map((r, i) => ({ row: i + 1, values: csvValues(r.values) }));
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        throw new InvalidInputError('IMPORT.CSV_MALFORMED', error.message, { line: error.line });
      }
      throw error;
    }
  }
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)
      ? (body as { items: unknown[] }).items
      : null;
  if (!list) throw new ValidationFailedError({ body: ['send a JSON array of rows, or CSV with Content-Type text/csv'] });
  return list.map((values, i) => ({
    row: i + 1,
    values: values && typeof values === 'object' && !Array.isArray(values) ? (values as Record<string, unknown>) : { value: values },
  }));
}

/** Gives CSV's strings the JSON types the schemas expect. Unparseable values stay strings, so the schema names them. */
export function csvValues(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shipTo: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(flat)) {
    const value = typed(name, raw);
    if (name.startsWith('shipTo.')) shipTo[name.slice('shipTo.'.length)] = value;
    else out[name] = value;
  }
  if (Object.keys(shipTo).length > 0) out.shipTo = [shipTo];
  return out;
}

function typed(name: string, raw: string): unknown {
  if (CSV_LISTS.has(name))
    return raw
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (CSV_BOOLEANS.has(name)) {
    const v = raw.toLowerCase();
    if (['true', '1', 'yes', 'y'].includes(v)) return true;
    if (['false', '0', 'no', 'n'].includes(v)) return false;
    return raw;
  }
  if (CSV_INTEGERS.has(name)) return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (name === 'conversions') {
    return raw
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const [uom, factor] = pair.split('=').map((s) => s.trim());
        return { uom: uom ?? '', factor: factor ?? '' };
      });
  }
  return raw;
}
