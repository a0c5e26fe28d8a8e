import { z } from 'zod';
import { CHANNELS, compare, describeBoundProblem, isDecimal, normalize, priceProblem, quantityProblem } from '@orderhub/contracts';
import { PRICE_RULE_KINDS, priceRuleProblems, type PriceRule } from '@orderhub/pricing';
import { normalizeGtin } from '../../domain/product-resolution';
import { isValidEmailEntry, normalizeEmailEntry } from '../domain/customer';
import { normalizeUom } from '../domain/product';
import { ValidationFailedError, type ImportRowError } from '../domain/master-data.errors';

/**
 * Decimals travel as strings. A JSON integer is accepted too (it is exact); a JSON fraction is refused, because
 * 0.1 has already been rounded to binary by the time we see it.
 */
const decimal = z
  .union([z.string(), z.number()])
  .refine((v) => (typeof v === 'number' ? Number.isSafeInteger(v) : isDecimal(v.trim())), {
    message: 'must be a decimal string such as "12.50" (fractions as strings, never JSON numbers)',
  })
  .transform((v) => normalize(String(v).trim()));

// abort: a negative value is one problem, not also an out-of-range one.
const nonNegative = decimal.refine((v) => compare(v, '0') >= 0, { message: 'must be zero or more', abort: true });
const positive = decimal.refine((v) => compare(v, '0') > 0, { message: 'must be more than zero', abort: true });
/** What the inventory and price columns hold (numeric(14,4)): checked here, not discovered by the database. */
const stockQuantity = nonNegative.superRefine((v, ctx) => {
  const problem = quantityProblem(v, undefined, { allowZero: true });
  if (problem) ctx.addIssue({ code: 'custom', message: describeBoundProblem(problem, 'quantity', v) });
});
const money = nonNegative.superRefine((v, ctx) => {
  const problem = compare(v, '9999999999.9999') > 0 ? 'too-large' : priceProblem(v);
  if (problem)
    ctx.addIssue({
      code: 'custom',
      message:
        problem === 'too-large'
          ? `${v} is larger than the hub can hold (at most 9999999999.9999)`
          : describeBoundProblem(problem, 'price', v),
    });
});
const percent = decimal.refine((v) => compare(v, '0') >= 0 && compare(v, '100') <= 0, { message: 'must be between 0 and 100' });

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v === '' ? null : v));

/** Codes and SKUs appear in EDI segments and file names: no spaces, no delimiters. */
const key = (max: number) =>
  text(max).regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only, starting with a letter or digit');

const gtin = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v.replace(/[\s-]/g, '') : v === '' ? null : v))
  .refine((v) => v === null || v === undefined || normalizeGtin(v) !== null, {
    message: 'must be a UPC-A, EAN-13 or GTIN-14 with a valid check digit',
  });

const uom = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,4}$/, 'must be a unit code of 1-4 letters or digits (EA, CS, PK)')
  .transform(normalizeUom);

const emailEntry = z
  .string()
  .refine(isValidEmailEntry, { message: "must be an address (jane@example.com) or a domain ('@example.com')" })
  .transform(normalizeEmailEntry);

const shopDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/, 'must be a shop domain such as my-shop.myshopify.com');

export const shipToSchema = z.object({
  code: key(80),
  name: text(200),
  address1: optionalText(200),
  address2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,3}$/, 'must be an ISO country code (US, CA)')
    .nullish(),
  isDefault: z.boolean().optional(),
});

const customerFields = {
  code: key(40),
  name: text(200),
  emails: z
    .array(emailEntry)
    .max(200)
    .transform((list) => [...new Set(list)]),
  shopifyShopDomain: shopDomain.nullish(),
  shopifyCustomerIds: z
    .array(z.union([z.string().trim().min(1), z.number().int()]).transform(String))
    .max(1000)
    .transform((list) => [...new Set(list)]),
  customerGroup: optionalText(60),
  creditHold: z.boolean(),
  priceTolerancePercent: percent.nullish(),
  shipTo: z
    .array(shipToSchema)
    .max(5000)
    .refine((list) => new Set(list.map((s) => s.code)).size === list.length, { message: 'ship-to codes must be unique' }),
};

export const createCustomerSchema = z.object({
  ...customerFields,
  emails: customerFields.emails.default([]),
  shopifyCustomerIds: customerFields.shopifyCustomerIds.optional(),
  creditHold: customerFields.creditHold.optional(),
  shipTo: customerFields.shipTo.optional(),
});
export type CreateCustomerInput = z.infer<typeof createCustomerSchema>;

export const updateCustomerSchema = z
  .object(customerFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateCustomerInput = z.infer<typeof updateCustomerSchema>;

export const partNumberSchema = z.object({ partNumber: text(80), sku: key(60) });

const conversionsSchema = z
  .array(z.object({ uom, factor: positive }))
  .max(20)
  .refine((list) => new Set(list.map((c) => c.uom)).size === list.length, { message: 'one conversion per unit' });

const productFields = {
  sku: key(60),
  description: text(500),
  upc: gtin,
  gtin,
  uom,
  listPrice: money,
  discontinued: z.boolean().optional(),
  leadTimeDays: z.number().int().min(0).max(3650).optional(),
  conversions: conversionsSchema.optional(),
};

const baseUomNotConverted = (p: { uom?: string; conversions?: Array<{ uom: string }> }) => !p.conversions?.some((c) => c.uom === p.uom);
const baseUomMessage = { message: 'the base unit needs no conversion', path: ['conversions'] };

export const createProductSchema = z.object(productFields).refine(baseUomNotConverted, baseUomMessage);
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = z
  .object(productFields)
  .omit({ sku: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

const instant = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/,
    'must be an ISO 8601 date or an instant with an offset',
  );

export const priceRuleSchema = z
  .object({
    code: key(80).optional(),
    kind: z.enum(PRICE_RULE_KINDS),
    sku: key(60),
    customerId: z.string().uuid().optional(),
    /** Imports name customers by code; resolved to customerId before the rule is stored. */
    customerCode: key(40).optional(),
    customerGroup: text(60).optional(),
    channel: z.enum(CHANNELS).optional(),
    minQuantity: positive.optional(),
    price: money.optional(),
    discountPercent: percent.optional(),
    validFrom: instant.optional(),
    validTo: instant.optional(),
    priority: z.number().int().min(-1000000).max(1000000).optional(),
    net: z.boolean().optional(),
    description: z.string().trim().max(500).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.customerId && rule.customerCode)
      ctx.addIssue({ code: 'custom', path: ['customerCode'], message: 'give customerId or customerCode, not both' });
    // The engine's own rule checks, so the admin API refuses what pricing could never use.
    const asRule: PriceRule = { ...rule, id: 'new', customerId: rule.customerId ?? (rule.customerCode ? 'by-code' : undefined) };
    for (const problem of priceRuleProblems(asRule)) ctx.addIssue({ code: 'custom', path: [fieldOf(problem)], message: problem });
  });
export type PriceRuleInput = z.infer<typeof priceRuleSchema>;

const RULE_FIELDS = [
  'discountPercent',
  'minQuantity',
  'customerId',
  'validFrom',
  'validTo',
  'priority',
  'channel',
  'price',
  'kind',
  'sku',
  'net',
];
function fieldOf(problem: string): string {
  const hits = RULE_FIELDS.map((f) => ({ f, at: problem.indexOf(f) })).filter((h) => h.at >= 0);
  return hits.sort((a, b) => a.at - b.at)[0]?.f ?? 'rule';
}

export const setInventorySchema = z.object({
  warehouse: key(20),
  onHand: stockQuantity,
  /** Optimistic check: refuse when the row changed since this version was read. */
  expectedVersion: z.number().int().min(1).optional(),
});

export const inventoryImportSchema = z.object({ sku: key(60), warehouse: key(20), onHand: stockQuantity });

export const partNumberImportSchema = z
  .object({
    customerId: z.string().uuid().optional(),
    customerCode: key(40).optional(),
    partNumber: text(80),
    sku: key(60),
  })
  .refine((v) => Boolean(v.customerId) !== Boolean(v.customerCode), { message: 'give customerId or customerCode', path: ['customerCode'] });

export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const priceRuleListQuerySchema = listQuerySchema.extend({
  sku: z.string().trim().max(60).optional(),
  customerId: z.string().trim().max(60).optional(),
  kind: z.enum(PRICE_RULE_KINDS).optional(),
});

export const inventoryListQuerySchema = listQuerySchema.extend({ warehouse: z.string().trim().max(20).optional() });

/** Parses a request body or query; failures become 400 VALIDATION.FAILED with the problems per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailedError(fieldProblems(result.error));
}

export function fieldProblems(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

/** The same problems as import row errors. */
export function rowProblems(row: number, error: z.ZodError): ImportRowError[] {
  return error.issues.map((issue) => ({ row, field: issue.path.map(String).join('.') || 'row', message: issue.message }));
}
