import { ConflictError, HubError, InvalidInputError, NotFoundError } from '@orderhub/contracts';

/** A body that does not have the documented shape (400); `details.fields` maps each dotted path to its problems. */
export class ValidationFailedError extends InvalidInputError {
  constructor(fields: Record<string, string[]>) {
    super('VALIDATION.FAILED', `invalid input: ${Object.keys(fields).join(', ') || 'body'}`, { fields });
  }
}

/** The path names something that does not exist (404). */
export class MasterDataNotFoundError extends NotFoundError {
  static customer(id: string): MasterDataNotFoundError {
    return new MasterDataNotFoundError('CUSTOMER.NOT_FOUND', `no customer ${id}`, { id });
  }
  static product(idOrSku: string): MasterDataNotFoundError {
    return new MasterDataNotFoundError('PRODUCT.NOT_FOUND', `no product ${idOrSku}`, { id: idOrSku });
  }
  static priceRule(id: string): MasterDataNotFoundError {
    return new MasterDataNotFoundError('PRICE_RULE.NOT_FOUND', `no price rule ${id}`, { id });
  }
}

/**
 * A well-formed body that refers to something unknown (a sku, a customer): 422, since the request is understood
 * but cannot be carried out. A plain HubError maps to 422 in the HTTP filter.
 */
export class UnknownReferenceError extends HubError {
  static sku(sku: string, field = 'sku'): UnknownReferenceError {
    return new UnknownReferenceError('PRODUCT.UNKNOWN_SKU', `unknown sku ${sku}`, { field, sku });
  }
  static customer(ref: string, field = 'customerId'): UnknownReferenceError {
    return new UnknownReferenceError('CUSTOMER.UNKNOWN', `unknown customer ${ref}`, { field, customer: ref });
  }
}

/** A natural key someone else already has (409). */
export class DuplicateMasterDataError extends ConflictError {
  static customerCode(code: string): DuplicateMasterDataError {
    return new DuplicateMasterDataError('CUSTOMER.CODE_TAKEN', `customer code ${code} is taken`, { field: 'code', code });
  }
  static customerEmail(entry: string, ownerCode: string): DuplicateMasterDataError {
    return new DuplicateMasterDataError('CUSTOMER.EMAIL_TAKEN', `${entry} already belongs to customer ${ownerCode}`, {
      field: 'emails',
      entry,
      owner: ownerCode,
    });
  }
  static shopifyShop(domain: string, ownerCode: string): DuplicateMasterDataError {
    return new DuplicateMasterDataError('CUSTOMER.SHOPIFY_SHOP_TAKEN', `${domain} already belongs to customer ${ownerCode}`, {
      field: 'shopifyShopDomain',
      shopifyShopDomain: domain,
      owner: ownerCode,
    });
  }
  static sku(sku: string): DuplicateMasterDataError {
    return new DuplicateMasterDataError('PRODUCT.SKU_TAKEN', `sku ${sku} is taken`, { field: 'sku', sku });
  }
  static partNumber(partNumber: string, sku: string): DuplicateMasterDataError {
    return new DuplicateMasterDataError('CUSTOMER.PART_NUMBER_TAKEN', `part number ${partNumber} already means ${sku}`, {
      field: 'partNumber',
      partNumber,
      sku,
    });
  }
  static priceRuleCode(code: string): DuplicateMasterDataError {
    return new DuplicateMasterDataError('PRICE_RULE.CODE_TAKEN', `price rule code ${code} is taken`, { field: 'code', code });
  }
}

export interface ImportRowError {
  /** 1-based position among the data rows (JSON array element or CSV record after the header). */
  row: number;
  field: string;
  message: string;
}

/** An import with any bad row writes nothing (422); every bad row is listed so the file is fixed in one go. */
export class ImportRejectedError extends HubError {
  constructor(readonly errors: ImportRowError[]) {
    super('IMPORT.ROWS_INVALID', `${errors.length} problem(s) in the import; nothing was written`, { imported: 0, updated: 0, errors });
  }
}

/** Shipping more than is on hand: the stock records are wrong, and someone must count before we go negative. */
export class StockInsufficientError extends ConflictError {
  constructor(details: { sku: string; lineNumber: number; requested: string; available: string }) {
    super('STOCK.INSUFFICIENT', `cannot ship ${details.requested} of ${details.sku}: ${details.available} on hand`, details);
  }
}
