import { compare, type ExceptionResolved, type PurchaseOrderInput } from '@orderhub/contracts';
import type { RawDocumentStore } from '@orderhub/persistence';
import { learnLayoutTemplate } from '../domain/layout-template.learner';
import { assessDraft, readDraft } from '../domain/purchase-order.assembler';
import type { PdfTextPage } from '../domain/pdf-text';
import type { LayoutTemplate } from '../domain/layout-template.schema';
import { pickTemplate } from './extract-purchase-order.use-case';
import type { PdfTextExtractor } from './pdf-text.extractor';
import type { LayoutTemplateRepository } from './ports';
import { buildLines } from '../domain/text-layout';

export type LearnOutcome = { kind: 'learned'; templateId: string; summary: string } | { kind: 'skipped'; reason: string };
export type Derived =
  { kind: 'derived'; customerId: string; template: LayoutTemplate; summary: string } | { kind: 'skipped'; reason: string };

/**
 * After an operator approves an emailed PDF order, derive a layout template for the sender from the PDF and the
 * order as approved: where the PO number, date, ship-to and totals are printed, and which column holds what. The
 * template is kept only when it reads the same document back into the approved order, and only when what the
 * customer's templates read today does not already: one correction teaches the layout, the next PO in it goes
 * through when its checks pass.
 */
export class LearnLayoutFromCorrectionUseCase {
  constructor(
    private readonly raw: RawDocumentStore,
    private readonly pdfText: PdfTextExtractor,
    private readonly templates: LayoutTemplateRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(event: ExceptionResolved): Promise<LearnOutcome> {
    const derived = await this.derive(event);
    return derived.kind === 'derived' ? this.keep(derived) : derived;
  }

  /** Stores a derived template (in the caller's transaction, next to the consumer's idempotency key). */
  async keep(derived: Extract<Derived, { kind: 'derived' }>): Promise<LearnOutcome> {
    const templateId = await this.templates.add(derived.customerId, derived.template);
    return { kind: 'learned', templateId, summary: derived.summary };
  }

  /** Reads the PDF and derives the template; no transaction is held while the sandbox works. */
  async derive(event: ExceptionResolved): Promise<Derived> {
    if (event.channel !== 'email') return { kind: 'skipped', reason: 'not an emailed order' };
    if (event.action !== 'approved' || !event.purchaseOrder) return { kind: 'skipped', reason: 'the exception was not approved' };
    const po = event.purchaseOrder as PurchaseOrderInput;
    const customerId = event.customerId ?? po.buyer.customerId;
    if (!customerId) return { kind: 'skipped', reason: 'no customer on the approved order' };
    const doc = await this.raw.get(event.rawDocumentId);
    if (!doc || !/pdf/i.test(doc.contentType ?? '')) return { kind: 'skipped', reason: 'the exception is not about a PDF' };
    const bytes = await this.raw.content(event.rawDocumentId);
    if (!bytes) return { kind: 'skipped', reason: 'the PDF is no longer stored' };
    const text = await this.pdfText.extract(bytes);
    if (!text.ok) return { kind: 'skipped', reason: `the PDF cannot be read (${text.code})` };

    const existing = await this.templates.forCustomer(customerId);
    const current = pickTemplate(
      existing,
      buildLines(text.pages)
        .map((l) => l.text)
        .join('\n'),
    );
    if (readsCleanly(text.pages, current, po)) {
      return { kind: 'skipped', reason: 'the layout is already read right and complete; the exception was about something else' };
    }

    const learned = learnLayoutTemplate(text.pages, po, {
      customerId,
      sender: event.sender,
      version: 1 + Math.max(0, ...existing.map((t) => t.version)),
    });
    if (!learned.template) return { kind: 'skipped', reason: learned.summary };
    if (!reproduces(text.pages, learned.template, po))
      return {
        kind: 'skipped',
        reason: `a template was derived (${learned.summary}) but does not read this PDF back into the approved order`,
      };
    const template: LayoutTemplate = {
      ...learned.template,
      learned: {
        exceptionId: event.exceptionId,
        rawDocumentId: event.rawDocumentId,
        learnedAt: this.now().toISOString(),
        summary: learned.summary.slice(0, 2000),
      },
    };
    return { kind: 'derived', customerId, template, summary: learned.summary };
  }
}

/** Read right and nothing missing or doubtful in the reading itself (catalog and order-core checks aside). */
function readsCleanly(pages: PdfTextPage[], template: LayoutTemplate | undefined, po: PurchaseOrderInput): boolean {
  if (!reproduces(pages, template, po)) return false;
  const outcome = assessDraft(readDraft(pages, template), null, {
    rawDocumentId: 'learning',
    sender: 'learning',
    receivedAt: new Date(0).toISOString(),
  });
  return outcome.reasons.length === 0;
}

/** Does reading the PDF with this template (or generically) give the approved order's header, total and lines? */
function reproduces(pages: PdfTextPage[], template: LayoutTemplate | undefined, po: PurchaseOrderInput): boolean {
  const draft = readDraft(pages, template);
  if (draft.poNumber?.value !== po.poNumber || draft.lines.length !== po.lines.length) return false;
  if (po.poDate && draft.poDate?.value !== po.poDate) return false;
  if (draft.currency?.value !== po.currency) return false;
  if (po.shipTo?.name && draft.shipTo?.value.name !== po.shipTo.name) return false;
  const total = po.stated?.total;
  if (total !== undefined && (draft.total === undefined || compare(draft.total.value, total) !== 0)) return false;
  return draft.lines.every((l, i) => {
    const want = po.lines[i];
    const code = l.item ?? l.description?.split(/\s+/)[0];
    const sameCode = want.productIds.some((id) => id.value.toUpperCase() === code?.toUpperCase());
    const price = l.unitPrice ?? undefined;
    return (
      sameCode &&
      compare(l.quantity, want.quantity) === 0 &&
      (want.unitPrice === undefined || price === undefined || compare(price, want.unitPrice) === 0)
    );
  });
}
