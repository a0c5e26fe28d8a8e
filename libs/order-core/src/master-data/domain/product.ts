import type { DecimalString } from '@orderhub/contracts';

/** 1 `uom` = `factor` base units (a case of 12 eaches: uom CS, factor "12"). */
export interface UomConversion {
  uom: string;
  factor: DecimalString;
}

export interface Product {
  id: string;
  sku: string;
  description: string;
  upc: string | null;
  gtin: string | null;
  /** Base unit of measure: stock, price and conversion factors are per this unit. */
  uom: string;
  listPrice: DecimalString;
  discontinued: boolean;
  leadTimeDays: number;
  conversions: UomConversion[];
  createdAt: string;
  updatedAt: string;
}

export interface ProductDraft {
  sku: string;
  description: string;
  upc?: string | null;
  gtin?: string | null;
  uom: string;
  listPrice: DecimalString;
  discontinued?: boolean;
  leadTimeDays?: number;
  /** Replaces the product's conversions when given. */
  conversions?: UomConversion[];
}

/** Unit codes are X12 codes; buyers type them in either case. */
export function normalizeUom(uom: string): string {
  return uom.trim().toUpperCase();
}
