import { describePdfError } from '../domain/pdf-text';
import {
  assessDraft,
  candidateCodes,
  DEFAULT_EXTRACTION_POLICY,
  readDraft,
  type ExtractionContext,
  type ExtractionOutcome,
  type ExtractionPolicy,
} from '../domain/purchase-order.assembler';
import type { LayoutTemplate } from '../domain/layout-template.schema';
import { buildLines } from '../domain/text-layout';
import { PdfTextExtractor } from './pdf-text.extractor';
import { LayoutTemplateRepository, ProductCatalog } from './ports';
import type { ExtractionDraft } from '../domain/extraction-draft';

export type PdfExtractionResult =
  | ({ kind: 'extracted' } & ExtractionOutcome)
  | { kind: 'unreadable'; reasons: Array<{ code: string; message: string }>; autoAccept: false; purchaseOrder: null };

/**
 * One PDF → one canonical purchase order with confidences: sandboxed text extraction, the customer's layout
 * template if one matches (generic extractor otherwise, or when the template finds nothing), catalog cross-check.
 */
export class ExtractPurchaseOrderUseCase {
  constructor(
    private readonly pdfText: PdfTextExtractor,
    private readonly catalog: ProductCatalog | null,
    private readonly templates: LayoutTemplateRepository | null,
    private readonly policy: ExtractionPolicy = DEFAULT_EXTRACTION_POLICY,
  ) {}

  async execute(pdf: Buffer, context: ExtractionContext): Promise<PdfExtractionResult> {
    const text = await this.pdfText.extract(pdf);
    if (!text.ok) {
      return {
        kind: 'unreadable',
        reasons: [{ code: text.code, message: `${describePdfError(text.code)} (${text.message})` }],
        autoAccept: false,
        purchaseOrder: null,
      };
    }
    let draft: ExtractionDraft | null = null;
    const templates = context.customerId && this.templates ? await this.templates.forCustomer(context.customerId) : [];
    const template = templates.length
      ? pickTemplate(
          templates,
          buildLines(text.pages)
            .map((l) => l.text)
            .join('\n'),
        )
      : undefined;
    if (template) {
      draft = readDraft(text.pages, template);
      if (!draft.poNumber || draft.lines.length === 0) {
        const generic = readDraft(text.pages);
        generic.notes.push(
          `template ${template.id} matched but found ${draft.poNumber ? 'no lines' : 'no PO number'}; generic extractor used`,
        );
        draft = generic;
      }
    }
    draft ??= readDraft(text.pages);
    if (text.ocr) draft.ocr = true;
    const codes = candidateCodes(draft);
    const matches = this.catalog ? await this.catalog.lookup(codes, context.customerId) : null;
    return { kind: 'extracted', ...assessDraft(draft, matches, context, this.policy) };
  }
}

/** The newest template whose match expressions all hit the document. */
export function pickTemplate(templates: LayoutTemplate[], text: string): LayoutTemplate | undefined {
  return [...templates].sort((a, b) => b.version - a.version).find((t) => t.match.every((re) => new RegExp(re, 'im').test(text)));
}
