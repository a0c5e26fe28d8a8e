import { InvalidInputError } from '@orderhub/contracts';

export const PRICING_ERROR_CODES = [
  'PRICING.QUANTITY_NOT_POSITIVE',
  'PRICING.INVALID_PRODUCT',
  'PRICING.INVALID_RULE',
  'PRICING.DUPLICATE_RULE_ID',
  'PRICING.INVALID_DATE',
  'PRICING.INVALID_OPTIONS',
] as const;
export type PricingErrorCode = (typeof PRICING_ERROR_CODES)[number];

/** Input the engine cannot price; never worth a retry. */
export class PricingError extends InvalidInputError {
  constructor(
    override readonly code: PricingErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}

export const UOM_ERROR_CODES = ['UOM.UNCONVERTIBLE', 'UOM.NOT_INTEGRAL', 'UOM.INVALID_CONVERSION'] as const;
export type UomErrorCode = (typeof UOM_ERROR_CODES)[number];

export class UomConversionError extends InvalidInputError {
  constructor(
    override readonly code: UomErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}
