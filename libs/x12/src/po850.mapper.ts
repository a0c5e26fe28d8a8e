import {
  compare,
  fromScaled,
  normalize,
  SCALE,
  toScaled,
  Charge,
  DecimalString,
  Party,
  priorityFromText,
  ProductId,
  PURCHASE_ORDER_SCHEMA_VERSION,
  PurchaseOrderInput,
  purchaseOrderSchema,
} from '@orderhub/contracts';
import { X12Defect, x12Defect, X12DefectCode, X12DefectInit } from './x12-defects';
import type { X12Segment, X12TransactionSet } from './x12-envelope.model';
import { parseImplied2, parseReal, parseX12Date } from './x12-values';

/**
 * 850 purchase order → canonical PurchaseOrderInput. Mapping defects are returned, never thrown: the caller
 * turns errors into an AK5/IK5 'R' for this set plus an exception-queue entry, and the other sets of the
 * group go on.
 */
export interface Po850Context {
  rawDocumentId: string;
  /** Partner id (or name) the bytes came from. */
  sender: string;
  partnerId?: string;
  customerId?: string;
  /** ISO 8601 date-time with offset. */
  receivedAt: string;
  /** CTT02 hash total mismatch: 'error' (default) rejects the set; 'warning' accepts it with a note. */
  hashTotalPolicy?: 'error' | 'warning';
}

export type Po850MappingResult =
  | { ok: true; purchaseOrder: PurchaseOrderInput; defects: X12Defect[] }
  | { ok: false; defects: X12Defect[]; purchaseOrder?: PurchaseOrderInput };

const PURPOSES: Record<string, PurchaseOrderInput['purpose']> = {
  '00': 'original',
  '01': 'cancel',
  '04': 'change',
  '05': 'replace',
  '06': 'confirmation',
  // 07 duplicate: a resend of the original; idempotency downstream deals with it.
  '07': 'original',
};

type PartyDraft = Party;
type LineDraft = Omit<PurchaseOrderInput['lines'][number], 'charges'> & { charges: Charge[] };

const text = (seg: X12Segment, n: number): string | undefined => {
  const value = seg[n]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const clip = (value: string | undefined, max: number): string | undefined => (value === undefined ? undefined : value.slice(0, max));

export function mapPurchaseOrder850(set: X12TransactionSet, context: Po850Context): Po850MappingResult {
  const defects: X12Defect[] = [];
  const at = (code: X12DefectCode, seg: X12Segment, position: number, init: X12DefectInit = {}): void => {
    defects.push(x12Defect(code, { segmentId: seg[0], segmentPosition: position, ...init }));
  };
  if (set.id !== '850') {
    return { ok: false, defects: [x12Defect('X12.SET_UNSUPPORTED', { badValue: set.id })] };
  }

  const po: PurchaseOrderInput = {
    schemaVersion: PURCHASE_ORDER_SCHEMA_VERSION,
    source: {
      channel: 'edi',
      rawDocumentId: context.rawDocumentId,
      sender: context.sender,
      partnerId: context.partnerId,
      reference: `${set.interchange.controlNumber}/${set.group.controlNumber}/${set.controlNumber}`,
      receivedAt: context.receivedAt,
    },
    buyer: { customerId: context.customerId, identifiers: [] },
    poNumber: '',
    lines: [],
    parties: [],
    references: [],
    contacts: [],
    notes: [],
    charges: [],
    taxes: [],
    stated: {},
    test: set.interchange.usage === 'T',
  };
  const dates: Record<string, string> = {};
  const lines: LineDraft[] = [];
  let line: LineDraft | undefined;
  let party: PartyDraft | undefined;
  let sawBeg = false;
  // Summed scaled (bigint) and formatted once: a decimal add per line cost more than the rest of the line.
  let hashScaled = 0n;
  let hashValid = true;
  let ctt: { seg: X12Segment; position: number } | undefined;

  const date = (seg: X12Segment, position: number, n: number, fatal: boolean): string | undefined => {
    const raw = text(seg, n);
    if (raw === undefined) return undefined;
    const iso = parseX12Date(raw);
    if (iso === undefined) {
      if (fatal) at('PO850.DATE_INVALID', seg, position, { elementPosition: n, elementReference: '373', badValue: raw });
      else at('PO850.VALUE_IGNORED', seg, position, { elementPosition: n, badValue: raw, message: 'invalid date ignored' });
    }
    return iso;
  };

  set.segments.forEach((seg, index) => {
    const position = index + 1;
    const tag = seg[0];
    switch (tag) {
      case 'BEG': {
        sawBeg = true;
        const purposeCode = text(seg, 1) ?? '';
        const purpose = PURPOSES[purposeCode];
        if (purpose === undefined)
          at('PO850.PURPOSE_INVALID', seg, position, { elementPosition: 1, elementReference: '353', badValue: purposeCode });
        else po.purpose = purpose;
        po.orderType = clip(text(seg, 2), 3);
        const number = text(seg, 3);
        if (number === undefined) at('PO850.PO_NUMBER_MISSING', seg, position, { elementPosition: 3, elementReference: '324' });
        else po.poNumber = clip(number, 80) as string;
        const release = text(seg, 4);
        if (release !== undefined)
          po.references?.push({ qualifier: 'RE', value: clip(release, 80) as string, description: 'release number' });
        po.poDate = date(seg, position, 5, true);
        return;
      }
      case 'CUR': {
        const currency = text(seg, 2);
        if (line === undefined && currency !== undefined) {
          if (/^[A-Z]{3}$/.test(currency)) po.currency = currency;
          else at('PO850.VALUE_IGNORED', seg, position, { elementPosition: 2, badValue: currency, message: 'currency code ignored' });
        }
        return;
      }
      case 'REF': {
        if (line !== undefined) return;
        const qualifier = text(seg, 1);
        const value = text(seg, 2) ?? text(seg, 3);
        if (qualifier !== undefined && value !== undefined && qualifier.length <= 3) {
          po.references?.push({ qualifier, value: clip(value, 80) as string, description: clip(text(seg, 3), 200) });
        }
        return;
      }
      case 'PER': {
        const contact = personOf(seg);
        if (party !== undefined && line === undefined) party.contact = { name: contact.name, phone: contact.phone, email: contact.email };
        else if (line === undefined) po.contacts?.push(contact);
        return;
      }
      case 'DTM': {
        const qualifier = text(seg, 1) ?? '';
        const iso = date(seg, position, 2, false);
        if (iso === undefined) return;
        if (line !== undefined) {
          // Line dates are kept, all of them, in document order; the three the core acts on get their own field.
          if (qualifier !== '' && qualifier.length <= 3) (line.dates ??= []).push({ qualifier, date: iso });
          if ((qualifier === '010' || qualifier === '037') && line.requestedShipDate === undefined) line.requestedShipDate = iso;
          if (qualifier === '002' && line.requestedDeliveryDate === undefined) line.requestedDeliveryDate = iso;
          if (qualifier === '001' && line.cancelAfterDate === undefined) line.cancelAfterDate = iso;
          return;
        }
        dates[qualifier] ??= iso;
        return;
      }
      case 'FOB':
        if (line === undefined) po.fob = { paymentMethod: clip(text(seg, 1), 3), location: clip(text(seg, 3), 100) };
        return;
      case 'ITD': {
        if (line !== undefined) return;
        const integer = (n: number): number | undefined => {
          const v = text(seg, n);
          return v !== undefined && /^\d{1,4}$/.test(v) ? Number(v) : undefined;
        };
        po.paymentTerms = {
          code: clip(text(seg, 1), 3),
          discountPercent: parseReal(text(seg, 3)),
          discountDays: integer(5),
          netDays: integer(7),
          description: clip(text(seg, 12), 200),
        };
        return;
      }
      case 'TD5':
        if (line === undefined) {
          po.carrier = {
            scac: text(seg, 2) === '2' ? clip(text(seg, 3), 10) : undefined,
            mode: clip(text(seg, 4), 3),
            routing: clip(text(seg, 5), 100),
          };
        }
        return;
      case 'N1': {
        const role = text(seg, 1) ?? '';
        if (line !== undefined) {
          // A line-level party: its ship-to says where this line goes (N2/N3/N4 after it fill it in).
          party = {
            role: role.slice(0, 3),
            name: clip(text(seg, 2), 200),
            idQualifier: clip(text(seg, 3), 3),
            code: clip(text(seg, 4), 80),
          };
          if (role === 'ST' && line.shipTo === undefined) line.shipTo = party;
          return;
        }
        party = { role: role.slice(0, 3), name: clip(text(seg, 2), 200), idQualifier: clip(text(seg, 3), 3), code: clip(text(seg, 4), 80) };
        po.parties?.push(party);
        if (role === 'ST') po.shipTo = party;
        if (role === 'BT') po.billTo = party;
        if (role === 'BY') {
          po.buyer.name = party.name;
          if (party.idQualifier && party.code) po.buyer.identifiers?.push({ qualifier: party.idQualifier, value: party.code });
        }
        return;
      }
      case 'N2':
        if (party) party.name2 = clip([text(seg, 1), text(seg, 2)].filter(Boolean).join(' '), 200);
        return;
      case 'N3':
        if (party) {
          party.address1 = clip(text(seg, 1), 200);
          party.address2 = clip(text(seg, 2), 200);
        }
        return;
      case 'N4':
        if (party) {
          party.city = clip(text(seg, 1), 100);
          party.region = clip(text(seg, 2), 100);
          party.postalCode = clip(text(seg, 3), 20);
          party.country = clip(text(seg, 4), 3);
        }
        return;
      case 'MSG':
      case 'NTE':
      case 'MTX': {
        const note = tag === 'MSG' ? text(seg, 1) : text(seg, 2);
        if (note !== undefined) po.notes?.push(clip(line ? `line ${line.lineNumber}: ${note}` : note, 2000) as string);
        return;
      }
      case 'SAC': {
        const charge = chargeOf(seg);
        if (charge === 'invalid') {
          at('PO850.AMOUNT_INVALID', seg, position, { elementPosition: 5, elementReference: '610', badValue: seg[5] });
          return;
        }
        if (charge === undefined) return;
        if (line) line.charges.push(charge);
        else po.charges?.push(charge);
        return;
      }
      case 'TXI': {
        const amount = parseReal(text(seg, 2));
        const rate = parseReal(text(seg, 3));
        const tax = { title: clip(text(seg, 1), 100) ?? 'tax', amount: amount ?? '0', rate };
        if (amount === undefined && rate === undefined) return;
        if (line) line.taxes?.push(tax);
        else po.taxes?.push(tax);
        return;
      }
      case 'PO1': {
        party = undefined;
        line = lineOf(seg, position, lines.length + 1, at);
        lines.push(line);
        const quantity = parseReal(text(seg, 2));
        if (quantity !== undefined) hashScaled += toScaled(quantity);
        else hashValid = false;
        return;
      }
      case 'SDQ':
        if (line) {
          // SDQ03/04 .. SDQ21/22: location and quantity pairs, with SDQ02 the location qualifier.
          const idQualifier = clip(text(seg, 2), 3);
          for (let n = 3; n + 1 < seg.length && n <= 21; n += 2) {
            const location = text(seg, n);
            const quantity = parseReal(text(seg, n + 1));
            if (location !== undefined && quantity !== undefined)
              (line.destinations ??= []).push({ idQualifier, location: location.slice(0, 80), quantity });
          }
        }
        return;
      case 'PID':
        if (line && (text(seg, 1) ?? 'F') !== 'S') {
          const description = text(seg, 5);
          if (description !== undefined)
            line.description = clip(line.description ? `${line.description} ${description}` : description, 500);
        }
        return;
      case 'PO4':
        if (line) {
          const pack = { innerPack: parseReal(text(seg, 1)), packSize: parseReal(text(seg, 2)), packUom: clip(text(seg, 3), 4) };
          if (pack.innerPack !== undefined || pack.packSize !== undefined) line.pack = pack;
        }
        return;
      case 'CTT':
        ctt = { seg, position };
        return;
      case 'AMT':
        if (text(seg, 1) === 'TT') po.stated = { ...po.stated, total: parseReal(text(seg, 2)) };
        return;
      default:
        return;
    }
  });

  if (!sawBeg) defects.push(x12Defect('PO850.BEG_MISSING', { segmentId: 'BEG', segmentPosition: 2 }));
  if (lines.length === 0)
    defects.push(x12Defect('PO850.PO1_MISSING', { segmentId: 'PO1', segmentPosition: Math.max(2, set.segments.length - 1) }));
  const hashTotal: DecimalString = normalize(fromScaled(hashScaled, SCALE));
  if (ctt) {
    const stated = { lineCount: undefined as number | undefined, hashTotal: parseReal(text(ctt.seg, 2)) };
    const count = text(ctt.seg, 1);
    if (count !== undefined && /^\d+$/.test(count)) stated.lineCount = Number(count);
    po.stated = { ...po.stated, ...stated };
    if (stated.lineCount === undefined || stated.lineCount !== lines.length) {
      at('PO850.CTT_LINE_COUNT_MISMATCH', ctt.seg, ctt.position, {
        elementPosition: 1,
        elementReference: '354',
        badValue: count,
        details: { stated: count, actual: lines.length },
      });
    }
    if (stated.hashTotal !== undefined && hashValid && compare(stated.hashTotal, hashTotal) !== 0) {
      at('PO850.CTT_HASH_TOTAL_MISMATCH', ctt.seg, ctt.position, {
        severity: context.hashTotalPolicy ?? 'error',
        elementPosition: 2,
        elementReference: '347',
        badValue: text(ctt.seg, 2),
        details: { stated: stated.hashTotal, actual: hashTotal },
      });
    }
  }

  po.requestedDeliveryDate = dates['002'];
  po.requestedShipDate = dates['010'] ?? dates['037'];
  po.cancelAfterDate = dates['001'];
  po.priority = priorityFromText(...(po.notes ?? []));
  po.lines = lines;
  po.channelData = {
    x12: {
      interchangeControlNumber: set.interchange.controlNumber,
      groupControlNumber: set.group.controlNumber,
      setControlNumber: set.controlNumber,
      senderId: `${set.interchange.senderQualifier}/${set.interchange.senderId}`,
      receiverId: `${set.interchange.receiverQualifier}/${set.interchange.receiverId}`,
      applicationSender: set.group.senderCode,
      version: set.group.version,
      dates,
    },
  };

  if (defects.some((d) => d.severity === 'error')) return { ok: false, defects, purchaseOrder: po };
  // Safety net: whatever got through must satisfy the canonical schema (lengths, formats).
  const parsed = purchaseOrderSchema.safeParse(po);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10)) {
      defects.push(
        x12Defect('PO850.SCHEMA_INVALID', {
          message: `${issue.path.join('.')}: ${issue.message}`,
          details: { path: issue.path.map(String) },
        }),
      );
    }
    return { ok: false, defects, purchaseOrder: po };
  }
  return { ok: true, purchaseOrder: po, defects };
}

function personOf(seg: X12Segment): { role: string; name?: string; phone?: string; email?: string } {
  const contact: { role: string; name?: string; phone?: string; email?: string } = { role: (text(seg, 1) ?? '').slice(0, 3) };
  contact.name = clip(text(seg, 2), 100);
  // PER03/04, 05/06, 07/08: communication number qualifier + number.
  for (const n of [3, 5, 7]) {
    const qualifier = text(seg, n);
    const value = text(seg, n + 1);
    if (value === undefined) continue;
    if (qualifier === 'TE' && contact.phone === undefined) contact.phone = clip(value, 40);
    if (qualifier === 'EM' && contact.email === undefined) contact.email = clip(value, 200);
  }
  return contact;
}

/** SAC01 A/C; SAC05 amount with two implied decimals; SAC07 percent; SAC15 description. */
function chargeOf(seg: X12Segment): Charge | 'invalid' | undefined {
  const indicator = text(seg, 1);
  if (indicator !== 'A' && indicator !== 'C') return undefined;
  const rawAmount = text(seg, 5);
  const amount = parseImplied2(rawAmount);
  if (rawAmount !== undefined && amount === undefined) return 'invalid';
  const percent = parseReal(text(seg, 7));
  return {
    kind: indicator === 'C' ? 'charge' : 'allowance',
    code: clip(text(seg, 2), 10),
    description: clip(text(seg, 15), 200),
    amount,
    percent,
  };
}

function lineOf(
  seg: X12Segment,
  position: number,
  ordinal: number,
  at: (code: X12DefectCode, seg: X12Segment, position: number, init?: X12DefectInit) => void,
): LineDraft {
  const rawQuantity = text(seg, 2);
  const quantity = parseReal(rawQuantity);
  // parseReal returns canonical text: positive is neither "0" nor negative.
  if (quantity === undefined || quantity === '0' || quantity.startsWith('-')) {
    at('PO850.QUANTITY_INVALID', seg, position, {
      elementPosition: 2,
      elementReference: '330',
      badValue: rawQuantity,
      ak403: rawQuantity === undefined ? '1' : '6',
    });
  }
  const uom = text(seg, 3);
  if (uom === undefined || uom.length > 4)
    at('PO850.UOM_MISSING', seg, position, { elementPosition: 3, elementReference: '355', badValue: uom });
  const rawPrice = text(seg, 4);
  const unitPrice = parseReal(rawPrice);
  if (rawPrice !== undefined && unitPrice === undefined) {
    at('PO850.PRICE_INVALID', seg, position, { elementPosition: 4, elementReference: '212', badValue: rawPrice });
  }
  // PO106/107, PO108/109, ... up to PO124/125: every qualifier/id pair, whatever the qualifier.
  const productIds: ProductId[] = [];
  for (let n = 6; n + 1 < seg.length; n += 2) {
    const qualifier = text(seg, n);
    const value = text(seg, n + 1);
    if (qualifier !== undefined && value !== undefined && qualifier.length <= 3) productIds.push({ qualifier, value: value.slice(0, 80) });
  }
  if (productIds.length === 0) at('PO850.PRODUCT_ID_MISSING', seg, position, { elementPosition: 7, elementReference: '234' });
  return {
    // An empty PO101 (seen in the wild) gets the line's ordinal, so 855 line echoes still line up.
    lineNumber: clip(text(seg, 1), 40) ?? String(ordinal),
    quantity: quantity ?? '0',
    uom: uom?.slice(0, 4) ?? '',
    unitPrice,
    productIds,
    charges: [],
    taxes: [],
  };
}
