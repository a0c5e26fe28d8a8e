import type { Party } from '@orderhub/contracts';
import type { FieldValue, SourceRegion } from './extraction-draft';
import type { TemplateAnchor, TemplateRegion } from './layout-template.schema';
import { regionOf, segmentBelow, type Segment, type TextLine } from './text-layout';
import { parseDate, type DateOrder } from './value-parsers';

interface Label {
  re: RegExp;
  confidence: number;
}

/**
 * Labels seen on real purchase orders, in English, German, French, Spanish and Dutch; the confidence says how
 * unambiguously each names the PO number. A bare "No." / "Nummer" / "Number" only counts on a document whose
 * title says it is a purchase order (see `findPoNumber`).
 */
const PO_NUMBER_LABELS: Label[] = [
  {
    re: /\b(?:P\.?\s?O\.?|Purchase\s+Order)\s*(?:(?:No\.?|N[°º]|Number|Num\.?|Nr\.?|ID|Ref(?:erence)?)(?=[\s:#.]|$)\s*[:#.]?|#)/i,
    confidence: 0.97,
  },
  { re: /\bP\.?O\.?\s*[:#]/i, confidence: 0.95 },
  {
    re: /(?:\b(?:Our|Your|Customer|Buyer'?s?)\s+)?(?:Order|Bestell)\s*(?:No\.?|N[°º]|Number|Nr\.?|#|Ref(?:erence)?\.?)(?=[\s:#.]|$)\s*[:#.]?/i,
    confidence: 0.95,
  },
  { re: /(?<![\p{L}])(?:Bestell|Auftrags|Einkaufs(?:beleg)?)[\s-]*(?:nummer|nr\.?)(?![\p{L}])\s*[:#.]?/iu, confidence: 0.96 },
  {
    re: /(?<![\p{L}])(?:N[°ºo]\.?|Num[ée]ro)\s*(?:de\s+)?(?:la\s+)?(?:commande|bon\s+de\s+commande|pedido|orden(?:\s+de\s+compra)?)(?![\p{L}])\s*[:#.]?/iu,
    confidence: 0.96,
  },
  { re: /(?<![\p{L}])(?:N[°ºo]\.?|N[úu]mero)\s*(?:de\s+)?Pedido(?![\p{L}])\s*[:#.]?/iu, confidence: 0.96 },
  { re: /(?<![\p{L}])(?:Pedido|Commande)\s*(?:N[°ºo]\.?|n[úu]m\.?|#)\s*[:#.]?/iu, confidence: 0.95 },
  { re: /(?<![\p{L}])(?:Inkoop)?(?:order|bestel)nummer(?![\p{L}])\s*[:#.]?/iu, confidence: 0.96 },
  { re: /\bPurchase\s+Order\s*[:#]?/i, confidence: 0.72 },
];
/** "No.", "Nummer", "Number": a PO number only where the document's title says purchase order. */
const GENERIC_NUMBER_LABEL: Label = {
  confidence: 0.94,
  re: /^(?:No\.?|N[°º]\.?|Nr\.?|Number|Nummer|Num[ée]ro|N[úu]mero|Document\s+No\.?|Belegnummer|Beleg-?Nr\.?)(?![\p{L}])\s*[:#.]?/iu,
};
/** Titles that say what the document is, in the languages we read. */
const PO_TITLE =
  /^(?:purchase\s+order|bestellung|einkaufsbestellung|bon\s+de\s+commande|commande(?:\s+fournisseur)?|pedido(?:\s+de\s+compra)?|orden\s+de\s+compra|inkooporder|bestelling|bestelbon)(?![\p{L}])/iu;
const PO_VALUE = /^#?\s*([A-Z0-9](?:[A-Z0-9\-/_.]*[A-Z0-9])?)/i;

const DATE_LABELS: Label[] = [
  { re: /\b(?:P\.?O\.?|Order|Purchase\s+Order|Issue|Document)\s+Date\s*[:.]?/i, confidence: 0.97 },
  {
    re: /(?<![\p{L}])(?:Bestell|Beleg|Auftrags)datum(?![\p{L}])\s*[:.]?|(?<![\p{L}])Date\s+(?:de\s+(?:la\s+)?)?commande(?![\p{L}])\s*[:.]?|(?<![\p{L}])Fecha(?:\s+(?:de(?:l)?\s+)?pedido)?(?![\p{L}])\s*[:.]?|(?<![\p{L}])(?:Order|Bestel)datum(?![\p{L}])\s*[:.]?/iu,
    confidence: 0.96,
  },
  {
    re: /(?<!(?:Delivery|Ship|Due|Required|Requested|Expected|Invoice|Print|Expiry|Expiration)\s+)\bDate(?:d)?\s*(?:of\s+order)?\s*[:.]?/i,
    confidence: 0.93,
  },
  { re: /(?<![\p{L}])(?:Datum|Issued)(?![\p{L}])\s*[:.]?/iu, confidence: 0.95 },
];

const SHIP_TO_LABEL =
  /^(?:Ship\s*-?\s*To(?:\s+Address)?|Deliver(?:y)?\s+(?:To|Address)|Shipping\s+Address|Consignee|Liefer(?:an)?schrift|Lieferadresse|Anlieferadresse|Warenempf[äa]nger|Adresse\s+de\s+livraison|Livrer\s+[àa]|Lieu\s+de\s+livraison|Direcci[óo]n\s+de\s+entrega|Enviar\s+a|Lugar\s+de\s+entrega|Afleveradres|Leveradres|Leveringsadres|Afleveren\s+op)\s*:?/i;
const OTHER_BLOCK_LABEL =
  /^(?:Bill\s*-?\s*To|Invoice\s+To|Sold\s+To|Vendor|Supplier|Buyer|Remit|Terms|Payment|PO\b|P\.O\.|Order\s|Date|Phone|Tel|Fax|Email|Notes?|Contact|Attn|Rechnungs|Lieferant|Telefon|Facturation|Fournisseur|Proveedor|Factura|Leverancier|Factuur)/i;

export interface FoundText {
  text: string;
  confidence: number;
  source: string;
  line: number;
}

/** Values for a labelled field, best first; candidates agreeing on one value reinforce each other. */
function labelled(lines: TextLine[], labels: Label[], accept: (value: string) => string | null): FieldValue<string> | undefined {
  const byValue = new Map<string, { confidence: number[]; source: string; region?: SourceRegion }>();
  lines.forEach((line, li) => {
    line.segments.forEach((seg, si) => {
      // The second half of a hyphen-wrapped header ("Lieferanten-" over "Nr.") is not a label of its own.
      if (continuesAbove(lines, li, seg)) return;
      for (const label of labels) {
        const m = label.re.exec(seg.text);
        if (!m) continue;
        const rest = seg.text.slice(m.index + m[0].length).trim();
        const next = line.segments[si + 1] && line.segments[si + 1].x0 - seg.x1 < 220 ? line.segments[si + 1] : undefined;
        const below = segmentBelow(lines, li, seg) ?? undefined;
        const tries: Array<[string | undefined, number, string, Segment | undefined]> = [
          [rest, 1, 'same cell', seg],
          [next?.text, 0.98, 'next cell', next],
          [below?.text, 0.96, 'cell below', below],
        ];
        for (const [candidate, factor, where, at] of tries) {
          if (!candidate) continue;
          const value = accept(candidate);
          if (value === null) continue;
          const entry = byValue.get(value) ?? {
            confidence: [],
            source: `label "${m[0].trim()}" (${where}, page ${line.page})`,
            region: at ? regionOf(at) : undefined,
          };
          entry.confidence.push(label.confidence * factor);
          byValue.set(value, entry);
          break;
        }
        break;
      }
    });
  });
  return pickBest(byValue);
}

function continuesAbove(lines: TextLine[], li: number, seg: Segment): boolean {
  for (let i = li - 1; i >= Math.max(0, li - 3); i--) {
    const above = lines[i];
    if (above.page !== seg.page || seg.y - above.y > seg.size * 1.5) return false;
    if (above.segments.some((s) => s.text.endsWith('-') && s.x0 < seg.x1 && s.x1 > seg.x0)) return true;
  }
  return false;
}

function pickBest(byValue: Map<string, { confidence: number[]; source: string; region?: SourceRegion }>): FieldValue<string> | undefined {
  const ranked = [...byValue.entries()]
    .map(([value, e]) => ({
      value,
      source: e.source,
      ...(e.region ? { region: e.region } : {}),
      confidence: Math.min(0.99, 1 - e.confidence.reduce((p, c) => p * (1 - c), 1)),
    }))
    .sort((a, b) => b.confidence - a.confidence);
  const [best, second] = ranked;
  if (!best) return undefined;
  // Two strong, different readings: the document contradicts itself (or a label is misleading); ask a person.
  if (second && second.confidence > 0.8) {
    return { value: best.value, confidence: Math.min(best.confidence, 0.5), source: `${best.source}; conflicts with "${second.value}"` };
  }
  return best;
}

function acceptPoNumber(text: string): string | null {
  const m = PO_VALUE.exec(text.trim().replace(/^[:.]+\s*/, ''));
  if (!m) return null;
  const value = m[1];
  if (!/\d/.test(value) || value.length < 3 || value.length > 40) return null;
  // A date is not a PO number, however it is labelled.
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(value)) return null;
  return value;
}

// ---------------------------------------------------------------------------------------------------------------

export function findPoNumber(lines: TextLine[], anchor?: TemplateAnchor): FieldValue<string> | undefined {
  if (anchor) {
    const found = fromAnchor(lines, anchor, acceptPoNumber);
    if (found) return found;
  }
  const title = poTitle(lines);
  const labels = title ? [...PO_NUMBER_LABELS, GENERIC_NUMBER_LABEL] : PO_NUMBER_LABELS;
  const found = labelled(lines, labels, acceptPoNumber);
  if (found && title && found.confidence < 0.9 && title.number === found.value) {
    // "PURCHASE ORDER 7701234" as the page title and nothing contradicting it: the title is the label.
    return { ...found, confidence: 0.93, source: `${found.source}; the document's title` };
  }
  return found;
}

/**
 * A PO number printed in an email subject ("PO 4500012345", "Bestellung Nr. B-2026-301", "Re: Purchase Order
 * #7701234"): a label word, then a value with a digit in it.
 */
export function poNumberInSubject(subject: string): string | undefined {
  const m =
    /(?<![\p{L}])(?:P\.?\s?O\.?|Purchase\s+Order|Order|Bestellung|Bestell-?Nr\.?|Commande|Bon\s+de\s+commande|Pedido|Bestelling|Inkooporder|Ordine)(?![\p{L}])\s*(?:No\.?|Nr\.?|N[°º]\.?|Number|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/_.]*)/iu.exec(
      subject,
    );
  const value = m ? acceptPoNumber(m[1]) : null;
  return value ?? undefined;
}

/**
 * The document's title when it says purchase order: the largest text near the top of page 1 (or a line in
 * capitals there), with the number printed in it if there is one.
 */
function poTitle(lines: TextLine[]): { text: string; number?: string } | undefined {
  const first = lines.filter((l) => l.page === 1).slice(0, 12);
  const sizes = lines.flatMap((l) => l.segments.map((s) => s.size)).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 10;
  for (const l of first) {
    for (const seg of l.segments) {
      const m = PO_TITLE.exec(seg.text);
      if (!m || (seg.size < median * 1.3 && seg.text !== seg.text.toUpperCase())) continue;
      const rest = seg.text.slice(m[0].length).trim();
      const number = rest ? (acceptPoNumber(rest) ?? undefined) : undefined;
      return { text: seg.text, ...(number ? { number } : {}) };
    }
  }
  return undefined;
}

export function findPoDate(lines: TextLine[], order: DateOrder | undefined, anchor?: TemplateAnchor): FieldValue<string> | undefined {
  let ambiguous = false;
  const accept = (text: string): string | null => {
    const d = parseDate(text, order);
    if (!d) return null;
    ambiguous = ambiguous || d.ambiguous;
    return d.iso;
  };
  const found = (anchor ? fromAnchor(lines, anchor, accept) : undefined) ?? labelled(lines, DATE_LABELS, accept);
  if (!found) return undefined;
  if (ambiguous) return { ...found, confidence: Math.min(found.confidence, 0.6), source: `${found.source}; day/month order ambiguous` };
  return found;
}

/** Reads a ship-to block: the label, then the lines under it in the same column. */
export function findShipTo(lines: TextLine[], anchor?: TemplateAnchor & { maxLines?: number }): FieldValue<Party> | undefined {
  const labelRe = anchor?.label ? new RegExp(`^${escapeRegex(anchor.label)}[\\s:]*`, 'i') : SHIP_TO_LABEL;
  const maxLines = anchor?.maxLines ?? 5;
  for (let li = 0; li < lines.length; li++) {
    for (const seg of lines[li].segments) {
      const m = labelRe.exec(seg.text);
      if (!m) continue;
      const block: string[] = [];
      const cells: Segment[] = [seg];
      const rest = seg.text.slice(m[0].length).trim();
      // "Ship-To Location", "Delivery Address Details": the rest of a label, not the first line of the address.
      if (rest && !/^(?:location|address|adress[e]?|details|point|site)$/i.test(rest)) block.push(rest);
      let lastY = seg.y;
      for (let j = li + 1; j < lines.length && block.length < maxLines; j++) {
        const line = lines[j];
        if (line.page !== seg.page || line.y - lastY > Math.max(22, seg.size * 2.2)) break;
        const cell = line.segments.find((s) => Math.abs(s.x0 - seg.x0) < 12);
        if (!cell) {
          if (line.segments.some((s) => s.x0 < seg.x0 + 40 && s.x1 > seg.x0)) break;
          continue;
        }
        if (OTHER_BLOCK_LABEL.test(cell.text) || SHIP_TO_LABEL.test(cell.text)) break;
        block.push(cell.text);
        cells.push(cell);
        lastY = line.y;
      }
      if (block.length === 0) continue;
      const party = parseAddressBlock(block);
      const complete = party.name && party.address1 && party.city && party.postalCode;
      return {
        value: party,
        confidence: complete ? (anchor ? 0.97 : 0.94) : 0.6,
        source: `label "${m[0].trim()}" (page ${seg.page})`,
        region: regionOf(...(cells.length > 1 ? cells.slice(1) : cells)),
      };
    }
  }
  return undefined;
}

const US_CITY = /^(.+?),?\s+([A-Z]{2})\.?\s+(\d{5}(?:-\d{4})?)$/;
const POSTAL_FIRST = /^(\d{4,6}|[A-Z]{1,2}-?\d{4,5})\s+(.+)$/;
const POSTAL_LAST = /^(.+?),?\s+([A-Z0-9]{2,4}\s?[A-Z0-9]{3})$/;
const COUNTRIES: Record<string, string> = {
  usa: 'US',
  'united states': 'US',
  us: 'US',
  canada: 'CA',
  germany: 'DE',
  deutschland: 'DE',
  france: 'FR',
  spain: 'ES',
  españa: 'ES',
  espana: 'ES',
  'united kingdom': 'GB',
  uk: 'GB',
  india: 'IN',
  kuwait: 'KW',
  netherlands: 'NL',
  nederland: 'NL',
  'the netherlands': 'NL',
  belgium: 'BE',
  belgique: 'BE',
  belgië: 'BE',
  switzerland: 'CH',
  schweiz: 'CH',
  suisse: 'CH',
  austria: 'AT',
  österreich: 'AT',
  italy: 'IT',
  italia: 'IT',
};

export function parseAddressBlock(block: string[]): Party {
  const rows = [...block];
  const party: Party = { role: 'ST' };
  const country = COUNTRIES[rows[rows.length - 1]?.toLowerCase().replace(/\.$/, '') ?? ''];
  if (country) {
    party.country = country;
    rows.pop();
  }
  // Postal-code-first ("75001 Paris") only after name and street, or a street number would pass for one.
  const cityAt = rows.findIndex((r, i) => (i > 0 && US_CITY.test(r)) || (i > 1 && POSTAL_FIRST.test(r)));
  if (cityAt > 0) {
    const r = rows[cityAt];
    const us = US_CITY.exec(r);
    if (us) {
      party.city = us[1].trim();
      party.region = us[2];
      party.postalCode = us[3];
      party.country ??= 'US';
    } else {
      const pf = POSTAL_FIRST.exec(r)!;
      party.postalCode = pf[1];
      party.city = pf[2].trim();
    }
    rows.splice(cityAt);
  } else if (rows.length > 2 && POSTAL_LAST.test(rows[rows.length - 1])) {
    const pl = POSTAL_LAST.exec(rows.pop()!)!;
    party.city = pl[1];
    party.postalCode = pl[2];
  }
  const [name, address1, address2] = rows;
  if (name) party.name = name.slice(0, 200);
  if (address1) party.address1 = address1.slice(0, 200);
  if (address2) party.address2 = address2.slice(0, 200);
  return party;
}

// ---------------------------------------------------------------------------------------------------------------
// Template anchors

const TEMPLATE_CONFIDENCE = 0.97;

function fromAnchor(lines: TextLine[], anchor: TemplateAnchor, accept: (text: string) => string | null): FieldValue<string> | undefined {
  if (anchor.regex) {
    const re = new RegExp(anchor.regex, 'i');
    for (const line of lines) {
      const m = re.exec(line.text);
      const value = m ? accept((m[1] ?? m[0]).trim()) : null;
      if (value !== null)
        return { value, confidence: TEMPLATE_CONFIDENCE, source: `template regex (page ${line.page})`, region: regionOf(...line.segments) };
    }
  }
  if (anchor.label) {
    const found = labelled(
      lines,
      [{ re: new RegExp(`${escapeRegex(anchor.label)}[\\s:#.]*`, 'i'), confidence: TEMPLATE_CONFIDENCE }],
      accept,
    );
    if (found) return { ...found, source: `template ${found.source}` };
  }
  if (anchor.region) {
    const text = textInRegion(lines, anchor.region);
    const value = text ? accept(text) : null;
    if (value !== null) return { value, confidence: TEMPLATE_CONFIDENCE * 0.98, source: 'template region' };
  }
  return undefined;
}

export function textInRegion(lines: TextLine[], region: TemplateRegion): string {
  const lastPage = lines.reduce((m, l) => Math.max(m, l.page), 1);
  const page = region.page === -1 ? lastPage : region.page;
  const inside = (s: Segment): boolean =>
    s.page === page && s.x0 >= region.x0 - 1 && s.x1 <= region.x1 + 1 && s.y >= region.y0 && s.y <= region.y1;
  return lines
    .flatMap((l) => l.segments.filter(inside))
    .map((s) => s.text)
    .join(' ')
    .trim();
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
}
