import { z } from 'zod';

/**
 * Per-customer layout template: master data (the lead persists it as JSON), validated here. Anything a template
 * leaves out falls back to the generic extractor, so a template only needs to say what is peculiar about a layout.
 */
const regexSource = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (src) => {
      try {
        new RegExp(src, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a valid regular expression' },
  );

/** A rectangle in PDF points, origin top-left, on one page (1-based; -1 = last page). */
export const regionSchema = z.object({
  page: z
    .number()
    .int()
    .refine((p) => p >= 1 || p === -1, 'page is 1-based, or -1 for the last page')
    .default(1),
  x0: z.number().min(0),
  y0: z.number().min(0),
  x1: z.number().positive(),
  y1: z.number().positive(),
});
export type TemplateRegion = z.infer<typeof regionSchema>;

/**
 * How to find one value. `label`: literal label text; the value is what follows it on the line, or the cell to its
 * right, or the cell below. `regex`: matched against each line (cells joined by tabs); capture group 1 is the value.
 * `region`: all text inside the rectangle. When several are given they are tried in that order: regex, label, region.
 */
export const anchorSchema = z
  .object({
    label: z.string().min(1).max(100).optional(),
    regex: regexSource.optional(),
    region: regionSchema.optional(),
  })
  .refine((a) => a.label !== undefined || a.regex !== undefined || a.region !== undefined, 'an anchor needs a label, regex or region');
export type TemplateAnchor = z.infer<typeof anchorSchema>;

export const COLUMN_FIELDS = ['lineNumber', 'item', 'description', 'quantity', 'uom', 'unitPrice', 'amount'] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

export const layoutTemplateSchema = z.object({
  id: z.string().min(1).max(80),
  customerId: z.string().min(1),
  name: z.string().min(1).max(200),
  version: z.number().int().positive().default(1),
  /** The template applies only when every one of these regexes matches somewhere in the document. */
  match: z.array(regexSource).default([]),
  /** How numeric dates read (05/03/2024): the customer's convention. */
  dateOrder: z.enum(['MDY', 'DMY', 'YMD']).optional(),
  numberStyle: z.enum(['us', 'eu', 'auto']).default('auto'),
  currency: z.string().length(3).optional(),
  fields: z
    .object({
      poNumber: anchorSchema.optional(),
      poDate: anchorSchema.optional(),
      /** Label (or region) that starts the ship-to block; `maxLines` bounds the block. */
      shipTo: anchorSchema.and(z.object({ maxLines: z.number().int().min(1).max(10).default(5) })).optional(),
      total: anchorSchema.optional(),
    })
    .default({}),
  table: z
    .object({
      /** Header label per column, exactly as printed (case-insensitive). */
      columns: z
        .array(z.object({ field: z.enum(COLUMN_FIELDS), header: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) }))
        .min(2)
        .refine((cols) => cols.some((c) => c.field === 'quantity'), 'the table needs a quantity column'),
      /** A line matching this ends the table (default: totals labels). */
      endRegex: regexSource.optional(),
      /** Item code inside the description, e.g. "^\\[([^\\]]+)\\]" for "[SKU] text". */
      itemInDescriptionRegex: regexSource.optional(),
    })
    .optional(),
  /**
   * Totals lines by their printed label (case-insensitive, the start of the line's first cell): what each one is.
   * Tried before the generic totals vocabulary, so a layout's own wording ("Imponibile", "abzgl. Rabatt") is read.
   */
  /** Where a learned template came from: the exception an operator corrected, and what was learned, in words. */
  learned: z
    .object({
      exceptionId: z.string().max(100),
      rawDocumentId: z.string().max(100),
      learnedAt: z.string().max(40),
      summary: z.string().max(2000),
    })
    .optional(),
  totals: z
    .array(z.object({ label: z.string().min(1).max(100), kind: z.enum(['subtotal', 'tax', 'shipping', 'charge', 'discount', 'total']) }))
    .max(20)
    .default([]),
});

export type LayoutTemplate = z.infer<typeof layoutTemplateSchema>;
export type TotalsKind = LayoutTemplate['totals'][number]['kind'];
export type LayoutTemplateInput = z.input<typeof layoutTemplateSchema>;

/** Validates template JSON from master data; throws a ZodError naming the bad path. */
export function parseLayoutTemplate(input: unknown): LayoutTemplate {
  return layoutTemplateSchema.parse(input);
}
