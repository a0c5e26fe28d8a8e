export { PRICE_RULE_KINDS, parseInstant, priceRuleProblems } from './price-rule';
export type { PriceRule, PriceRuleKind, PricingCustomer, PricingProduct } from './price-rule';
export { INTERNAL_PLACES, describeRule, explain, priceLine } from './price-line.engine';
export type { AppliedRule, PriceLineInput, PriceLineOptions, PriceResult, SkipReason, SkippedRule } from './price-line.engine';
export { baseUnitsPer, canConvert, convertQuantity, toBaseQuantity } from './uom.converter';
export type { ConvertOptions, ProductUoms, UomConversion } from './uom.converter';
export { PRICING_ERROR_CODES, PricingError, UOM_ERROR_CODES, UomConversionError } from './pricing.errors';
export type { PricingErrorCode, UomErrorCode } from './pricing.errors';
