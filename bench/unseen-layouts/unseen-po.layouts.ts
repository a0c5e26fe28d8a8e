import { seededRandom } from '@orderhub/testing';

/**
 * The unseen-layouts set: purchase orders written as HTML and printed to PDF by Chromium, i.e. a different
 * producer (Skia's PDF backend, its own text runs and spacing) and different code from the pdfkit fixtures the
 * extractor was built against. Each layout imitates a kind of PO that held the email channel back: labels in
 * other wordings and languages, ERP header blocks, the PO number only in the title, ERP position numbers,
 * "CODE - description" cells that wrap, buyer's and supplier's part side by side, no unit column for boxed goods,
 * discount/freight/tax lines, European numbers and dates, plainly US documents with US dates, 40-line two-page
 * orders and quantities with thousands separators.
 */

export interface UnseenLine {
  /** Our SKU as printed (the supplier's part), the code the hub must resolve. */
  item: string;
  buyerPart: string;
  description: string;
  quantity: string;
  uom: string;
  unitPrice: string;
  amount: string;
}

export interface UnseenTruth {
  layout: UnseenLayout;
  poNumber: string;
  /** ISO date. */
  poDate: string;
  currency: string;
  shipTo: { name: string; address1: string; city: string; postalCode: string; country: string };
  lines: UnseenLine[];
  subtotal: string;
  discount: string;
  freight: string;
  tax: string;
  total: string;
  /** A deliberate problem: the extractor must flag the document, never raise it. */
  defect?: 'line-amount' | 'total' | 'no-po-number' | 'scanned';
}

export const UNSEEN_LAYOUTS = [
  'de-erp',
  'fr-bon',
  'es-pedido',
  'nl-inkoop',
  'title-only',
  'uk-wrap',
  'buyer-supplier',
  'boxes',
  'us-dates',
  'multipage-40',
  'no-label',
  'ch-bestellung',
] as const;
/**
 * Held-out layouts, written after the extractor was tuned on the twelve above and never tuned on: what the bench
 * reports for them is what a new buyer's layout gets. One is in Italian, a language the extractor has no words for.
 */
export const HOLDOUT_LAYOUTS = ['it-ordine', 'us-requisition', 'de-auftrag', 'fr-erp', 'nl-bestelling'] as const;
export type UnseenLayout = (typeof UNSEEN_LAYOUTS)[number] | (typeof HOLDOUT_LAYOUTS)[number];

/** Catalog of the unseen set: our SKUs, the unit each is sold in, and what the buyers call them. */
export const UNSEEN_PRODUCTS: Array<{ sku: string; uom: string; description: string }> = [
  { sku: 'HX-4410', uom: 'EA', description: 'Hex key set 9 pcs metric' },
  { sku: 'HX-4420', uom: 'EA', description: 'Torx key set 8 pcs' },
  { sku: 'SCR-4X40', uom: 'BX', description: 'Wood screw 4 x 40 countersunk, box of 200' },
  { sku: 'DUB-8', uom: 'BX', description: 'Wall plug 8 mm nylon, box of 100' },
  { sku: 'TAPE-50', uom: 'EA', description: 'Duct tape 50 mm x 25 m silver' },
  { sku: 'GLV-L', uom: 'PR', description: 'Work gloves nitrile coated size L' },
  { sku: 'FIL-M5', uom: 'BX', description: 'Threaded insert M5 brass, box of 50' },
  { sku: 'CAB-3G15', uom: 'RL', description: 'Cable 3G1.5 mm2 PVC, roll of 50 m' },
  { sku: '7312-004', uom: 'EA', description: 'Safety goggles anti-fog clear lens' },
  { sku: 'LED-E27-9W', uom: 'EA', description: 'LED bulb E27 9 W warm white 806 lm' },
  { sku: 'SIL-300-W', uom: 'EA', description: 'Sanitary silicone 300 ml cartridge white' },
  { sku: 'BRS-25', uom: 'EA', description: 'Paint brush flat 25 mm synthetic bristles' },
];
const BOXED = UNSEEN_PRODUCTS.filter((p) => p.uom === 'BX');

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const int = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** Money in integer cents, written back as a plain decimal string. */
const dec = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const pct = (cents: number, basisPoints: number): number => Math.round((cents * basisPoints) / 10_000);

interface Locale {
  currency: string;
  country: string;
  /** Thousands and decimal separators as printed. */
  group: string;
  decimal: string;
  taxBp: number;
  cities: Array<[string, string]>;
  streets: string[];
  names: string[];
}

const LOCALES: Record<'DE' | 'FR' | 'ES' | 'NL' | 'US' | 'GB' | 'CH' | 'IT', Locale> = {
  IT: {
    currency: 'EUR',
    country: 'Italia',
    group: '.',
    decimal: ',',
    taxBp: 2200,
    cities: [
      ['20121', 'Milano'],
      ['00184', 'Roma'],
    ],
    streets: ['Via Torino 45', 'Corso Vittorio Emanuele 12'],
    names: ['Ferramenta Rossi S.r.l.', 'Edilizia Bianchi S.p.A.'],
  },
  DE: {
    currency: 'EUR',
    country: 'Deutschland',
    group: '.',
    decimal: ',',
    taxBp: 1900,
    cities: [
      ['70173', 'Stuttgart'],
      ['80331', 'München'],
    ],
    streets: ['Industriestraße 12', 'Am Hafen 7'],
    names: ['Baumarkt Süd GmbH', 'Werkzeug Kraus KG'],
  },
  FR: {
    currency: 'EUR',
    country: 'France',
    group: ' ',
    decimal: ',',
    taxBp: 2000,
    cities: [
      ['75002', 'Paris'],
      ['69003', 'Lyon'],
    ],
    streets: ['12 rue de la Paix', '45 avenue Jean Jaurès'],
    names: ['Bricolage Martin SARL', 'Quincaillerie Dubois'],
  },
  ES: {
    currency: 'EUR',
    country: 'España',
    group: '.',
    decimal: ',',
    taxBp: 2100,
    cities: [
      ['28013', 'Madrid'],
      ['08001', 'Barcelona'],
    ],
    streets: ['Calle Mayor 21', 'Avinguda Diagonal 150'],
    names: ['Ferretería López S.L.', 'Suministros Ibéricos S.A.'],
  },
  NL: {
    currency: 'EUR',
    country: 'Nederland',
    group: '.',
    decimal: ',',
    taxBp: 2100,
    cities: [
      ['3011', 'Rotterdam'],
      ['1012', 'Amsterdam'],
    ],
    streets: ['Havenstraat 3', 'Keizersgracht 88'],
    names: ['Bouwmaat De Vries B.V.', 'Techniek Jansen B.V.'],
  },
  US: {
    currency: 'USD',
    country: 'USA',
    group: ',',
    decimal: '.',
    taxBp: 825,
    cities: [
      ['62704', 'Springfield, IL'],
      ['97201', 'Portland, OR'],
    ],
    streets: ['120 Harbor Road', '1500 Commerce Blvd'],
    names: ['Midwest Builders Supply Inc', 'Cascade Facility Services LLC'],
  },
  GB: {
    currency: 'GBP',
    country: 'United Kingdom',
    group: ',',
    decimal: '.',
    taxBp: 2000,
    cities: [
      ['M1 2AB', 'Manchester'],
      ['LS1 4DT', 'Leeds'],
    ],
    streets: ['14 Deansgate', 'Unit 5 Canal Wharf'],
    names: ['Northern Trade Supplies Ltd', 'Pennine Fixings Ltd'],
  },
  CH: {
    currency: 'CHF',
    country: 'Schweiz',
    group: "'",
    decimal: '.',
    taxBp: 810,
    cities: [
      ['8005', 'Zürich'],
      ['3011', 'Bern'],
    ],
    streets: ['Hardstrasse 201', 'Marktgasse 9'],
    names: ['Haustechnik Meier AG', 'Bau & Garten Keller AG'],
  },
};

const LAYOUT_LOCALE: Record<UnseenLayout, keyof typeof LOCALES> = {
  'de-erp': 'DE',
  'fr-bon': 'FR',
  'es-pedido': 'ES',
  'nl-inkoop': 'NL',
  'title-only': 'US',
  'uk-wrap': 'GB',
  'buyer-supplier': 'US',
  boxes: 'US',
  'us-dates': 'US',
  'multipage-40': 'US',
  'no-label': 'GB',
  'ch-bestellung': 'CH',
  'it-ordine': 'IT',
  'us-requisition': 'US',
  'de-auftrag': 'DE',
  'fr-erp': 'FR',
  'nl-bestelling': 'NL',
};

function groupDigits(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function formatMoney(cents: number, l: Locale): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${groupDigits(Math.floor(abs / 100), l.group)}${l.decimal}${String(abs % 100).padStart(2, '0')}`;
}

const formatQty = (q: number, l: Locale): string => groupDigits(q, l.group);

const DISCOUNTED: UnseenLayout[] = ['de-erp', 'fr-bon', 'nl-inkoop', 'us-dates', 'de-auftrag'];
const UNTAXED: UnseenLayout[] = ['buyer-supplier', 'multipage-40'];

/** The same PO with other lines (e.g. the hub's demo products at list price): totals recomputed as printed. */
export function withLines(
  truth: UnseenTruth,
  lines: Array<Pick<UnseenLine, 'item' | 'description' | 'quantity' | 'uom' | 'unitPrice'>>,
): UnseenTruth {
  const l = LOCALES[LAYOUT_LOCALE[truth.layout]];
  const priced = lines.map((x) => ({ ...x, buyerPart: x.item, amount: dec(Number(x.quantity) * cents(x.unitPrice)) }));
  const subtotal = priced.reduce((sum, x) => sum + cents(x.amount), 0);
  const discount = DISCOUNTED.includes(truth.layout) ? pct(subtotal, 300) : 0;
  const freight = cents(truth.freight);
  const tax = UNTAXED.includes(truth.layout) ? 0 : pct(subtotal - discount + freight, l.taxBp);
  return {
    ...truth,
    lines: priced,
    subtotal: dec(subtotal),
    discount: dec(discount),
    tax: dec(tax),
    total: dec(subtotal - discount + freight + tax),
  };
}

/** A ground-truth PO for a layout; deterministic per seed. */
export function anUnseenPo(layout: UnseenLayout, seed: number, defect?: UnseenTruth['defect']): UnseenTruth {
  const rnd = seededRandom(seed);
  const l = LOCALES[LAYOUT_LOCALE[layout]];
  const count = layout === 'multipage-40' ? 40 : int(rnd, 2, 7);
  const lines: UnseenLine[] = [];
  let subtotalCents = 0;
  for (let i = 0; i < count; i++) {
    const product = layout === 'boxes' ? pick(rnd, BOXED) : pick(rnd, UNSEEN_PRODUCTS);
    // Thousands show up on bulk lines: the PO that dropped "1,200" had one.
    const quantity = rnd() < 0.2 ? int(rnd, 10, 30) * 100 : int(rnd, 1, 240);
    const priceCents = rnd() < 0.2 ? int(rnd, 100_00, 2_400_00) : int(rnd, 35, 95_00);
    const amountCents = quantity * priceCents;
    subtotalCents += amountCents;
    lines.push({
      item: product.sku,
      buyerPart: `${seed % 7 === 0 ? 'MAT' : 'B'}-${String(10_000 + int(rnd, 0, 89_999))}`,
      description: product.description,
      quantity: String(quantity),
      uom: product.uom,
      unitPrice: dec(priceCents),
      amount: dec(amountCents),
    });
  }
  const hasDiscount = DISCOUNTED.includes(layout);
  const hasFreight = ['de-erp', 'fr-bon', 'es-pedido', 'nl-inkoop', 'us-dates', 'boxes', 'us-requisition', 'it-ordine'].includes(layout);
  const discount = hasDiscount ? pct(subtotalCents, 300) : 0;
  const freight = hasFreight ? int(rnd, 5_00, 95_00) : 0;
  const tax = UNTAXED.includes(layout) ? 0 : pct(subtotalCents - discount + freight, l.taxBp);
  const total = subtotalCents - discount + freight + tax;
  const [postalCode, city] = pick(rnd, l.cities);
  const year = 2026;
  const month = int(rnd, 1, 12);
  // US-date layouts get a day that reads both ways, the case that was held as ambiguous.
  const day = layout === 'us-dates' || layout === 'uk-wrap' ? int(rnd, 1, 12) : int(rnd, 1, 28);
  const poNumber = {
    'de-erp': `45000${int(rnd, 10_000, 99_999)}`,
    'fr-bon': `BC-${year}-${int(rnd, 1000, 9999)}`,
    'es-pedido': `PC/${int(rnd, 10_000, 99_999)}`,
    'nl-inkoop': `IO${int(rnd, 100_000, 999_999)}`,
    'title-only': String(int(rnd, 7_000_000, 7_999_999)),
    'uk-wrap': `ORD/${int(rnd, 10, 99)}-${int(rnd, 1000, 9999)}`,
    'buyer-supplier': `PO-${int(rnd, 100_000, 999_999)}`,
    boxes: String(int(rnd, 50_000, 59_999)),
    'us-dates': String(int(rnd, 30_000, 39_999)),
    'multipage-40': `P${int(rnd, 1_000_000, 9_999_999)}`,
    'no-label': `${int(rnd, 10, 99)}-${int(rnd, 1000, 9999)}`,
    'ch-bestellung': `B-${year}-${int(rnd, 100, 999)}`,
    'it-ordine': `OA-${int(rnd, 1000, 9999)}/${year % 100}`,
    'us-requisition': `R${int(rnd, 100_000, 999_999)}`,
    'de-auftrag': `BE${int(rnd, 1_000_000, 9_999_999)}`,
    'fr-erp': `CF${int(rnd, 10_000, 99_999)}`,
    'nl-bestelling': `B${int(rnd, 10_000, 99_999)}-NL`,
  }[layout];
  return {
    layout,
    poNumber,
    poDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    currency: l.currency,
    shipTo: { name: pick(rnd, l.names), address1: pick(rnd, l.streets), city: city.replace(/,.*$/, ''), postalCode, country: l.country },
    lines,
    subtotal: dec(subtotalCents),
    discount: dec(discount),
    freight: dec(freight),
    tax: dec(tax),
    total: dec(total),
    ...(defect ? { defect } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cents = (decimal: string): number => {
  const [i, f = ''] = decimal.replace('-', '').split('.');
  const v = Number(i) * 100 + Number((f + '00').slice(0, 2));
  return decimal.startsWith('-') ? -v : v;
};

const BASE_CSS = `
  @page { size: A4; margin: 18mm 15mm 20mm 15mm; }
  body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9.5pt; color: #111; }
  h1 { font-size: 17pt; margin: 0 0 6pt 0; }
  table.lines { width: 100%; border-collapse: collapse; margin-top: 10pt; }
  table.lines th { text-align: left; border-bottom: 1px solid #333; padding: 3pt 5pt; font-weight: bold; }
  table.lines td { padding: 3pt 5pt; vertical-align: top; }
  table.lines td.code { white-space: nowrap; }
  table.lines td.n, table.lines th.n { text-align: right; }
  table.lines thead { display: table-header-group; }
  table.lines tr { page-break-inside: avoid; }
  table.totals { margin-left: auto; margin-top: 8pt; border-collapse: collapse; }
  table.totals td { padding: 2pt 6pt; }
  table.totals td.n { text-align: right; min-width: 80pt; }
  .addr div { line-height: 1.35; }
  .row { display: flex; justify-content: space-between; gap: 20pt; }
  .small { font-size: 8pt; color: #444; }
  table.box { border-collapse: collapse; }
  table.box th, table.box td { border: 1px solid #555; padding: 3pt 8pt; text-align: left; }
`;

interface Col {
  head: string;
  cell: (line: UnseenLine, index: number) => string;
  num?: boolean;
  width?: string;
  /** An item code: printed on one line, as ERP output does. */
  code?: boolean;
}

function linesTable(truth: UnseenTruth, cols: Col[]): string {
  const head = cols.map((c) => `<th class="${c.num ? 'n' : ''}"${c.width ? ` style="width:${c.width}"` : ''}>${esc(c.head)}</th>`).join('');
  const body = truth.lines
    .map(
      (line, i) => `<tr>${cols.map((c) => `<td class="${c.num ? 'n' : c.code ? 'code' : ''}">${esc(c.cell(line, i))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="lines"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function totalsTable(rows: Array<[string, string]>): string {
  return `<table class="totals">${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${esc(v)}</td></tr>`).join('')}</table>`;
}

function addressBlock(label: string, truth: UnseenTruth, cityLine: string): string {
  const s = truth.shipTo;
  return `<div class="addr"><div><b>${esc(label)}</b></div><div>${esc(s.name)}</div><div>${esc(s.address1)}</div><div>${esc(cityLine)}</div><div>${esc(s.country)}</div></div>`;
}

const supplierBlock = (lines: string[]): string => `<div class="addr small">${lines.map((l) => `<div>${esc(l)}</div>`).join('')}</div>`;

function dateAs(truth: UnseenTruth, fmt: 'DMY.' | 'DMY/' | 'DMY-' | 'MDY/' | 'ISO' | 'LONG'): string {
  const [y, m, d] = truth.poDate.split('-');
  switch (fmt) {
    case 'DMY.':
      return `${d}.${m}.${y}`;
    case 'DMY/':
      return `${d}/${m}/${y}`;
    case 'DMY-':
      return `${d}-${m}-${y}`;
    case 'MDY/':
      return `${m}/${d}/${y}`;
    case 'ISO':
      return truth.poDate;
    case 'LONG':
      return new Date(`${truth.poDate}T00:00:00Z`).toLocaleDateString('en-US', {
        month: 'long',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      });
  }
}

/** The PO as printed: amounts in the layout's locale, a printed defect where asked. */
export function unseenPoHtml(truth: UnseenTruth): string {
  const l = LOCALES[LAYOUT_LOCALE[truth.layout]];
  const m = (decimal: string): string => formatMoney(cents(decimal), l);
  const q = (line: UnseenLine): string => formatQty(Number(line.quantity), l);
  // A printed defect: one line amount off by 10.00, or the grand total off by 1.00.
  const amount = (line: UnseenLine, i: number): string =>
    m(truth.defect === 'line-amount' && i === 0 ? dec(cents(line.amount) + 1000) : line.amount);
  const total = m(truth.defect === 'total' ? dec(cents(truth.total) + 100) : truth.total);
  const po = truth.defect === 'no-po-number' ? '' : truth.poNumber;
  const s = truth.shipTo;
  let body: string;
  switch (truth.layout) {
    case 'de-erp':
      body = `
        <div class="row"><div>${supplierBlock(['Werkzeughandel Nord GmbH · Postfach 1120 · 20095 Hamburg'])}<h1>Bestellung</h1></div>
        <table class="box"><tr><th>Nummer</th><th>Datum</th><th>Lieferanten-Nr.</th></tr>
        <tr><td>${po}</td><td>${dateAs(truth, 'DMY.')}</td><td>70021</td></tr></table></div>
        <div class="row" style="margin-top:14pt">${addressBlock('Lieferanschrift:', truth, `${s.postalCode} ${s.city}`)}
        ${supplierBlock(['Ansprechpartner: Herr Kraus', 'Telefon: 0711 2233-0', 'Zahlungsbedingungen: 30 Tage netto'])}</div>
        <p>Wir bestellen zu unseren Einkaufsbedingungen:</p>
        ${linesTable(truth, [
          { head: 'Pos.', cell: (_x, i) => String((i + 1) * 10).padStart(5, '0') },
          { head: 'Material', cell: (x) => x.item, code: true },
          { head: 'Bezeichnung', cell: (x) => x.description, width: '38%' },
          { head: 'Menge', cell: q, num: true },
          { head: 'ME', cell: (x) => ({ EA: 'ST', BX: 'KAR', PR: 'PAA', RL: 'RO' })[x.uom] ?? x.uom },
          { head: 'Preis/ME', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Betrag EUR', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Warenwert', m(truth.subtotal)],
          ['Rabatt 3 %', `-${m(truth.discount)}`],
          ['Frachtkosten', m(truth.freight)],
          ['MwSt. 19 %', m(truth.tax)],
          ['Gesamtbetrag EUR', total],
        ])}`;
      break;
    case 'fr-bon':
      body = `
        <h1>BON DE COMMANDE</h1>
        <div class="row"><div>${supplierBlock(['Outillage Lefèvre SAS', '8 boulevard Voltaire', '13001 Marseille'])}</div>
        <div><div>N° de commande : ${po}</div><div>Date de commande : ${dateAs(truth, 'DMY/')}</div><div>Devise : EUR</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Adresse de livraison', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Réf.', cell: (x) => x.item, code: true },
          { head: 'Désignation', cell: (x) => x.description, width: '40%' },
          { head: 'Qté', cell: q, num: true },
          { head: 'P.U. HT', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Montant HT', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Total HT', m(truth.subtotal)],
          ['Remise 3 %', `-${m(truth.discount)}`],
          ['Frais de port', m(truth.freight)],
          ['TVA 20 %', m(truth.tax)],
          ['Total TTC', total],
        ])}`;
      break;
    case 'es-pedido':
      body = `
        <h1>PEDIDO DE COMPRA</h1>
        <table><tr><td>Nº Pedido:</td><td><b>${po}</b></td></tr><tr><td>Fecha:</td><td>${dateAs(truth, 'DMY/')}</td></tr></table>
        <div class="row" style="margin-top:12pt">${addressBlock('Dirección de entrega:', truth, `${s.postalCode} ${s.city}`)}
        ${supplierBlock(['Proveedor: Distribuciones Norte S.L.', 'CIF B12345678'])}</div>
        ${linesTable(truth, [
          { head: 'Código', cell: (x) => x.item, code: true },
          { head: 'Descripción', cell: (x) => x.description, width: '42%' },
          { head: 'Cantidad', cell: q, num: true },
          { head: 'Precio unitario', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Importe', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Base imponible', m(truth.subtotal)],
          ['Portes', m(truth.freight)],
          ['IVA 21%', m(truth.tax)],
          ['Total pedido €', total],
        ])}`;
      break;
    case 'nl-inkoop':
      body = `
        <h1>INKOOPORDER</h1>
        <table><tr><td>Ordernummer</td><td>${po}</td></tr><tr><td>Orderdatum</td><td>${dateAs(truth, 'DMY-')}</td></tr></table>
        <div style="margin-top:12pt">${addressBlock('Afleveradres', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Artikelnummer', cell: (x) => x.item, code: true },
          { head: 'Omschrijving', cell: (x) => x.description, width: '36%' },
          { head: 'Aantal', cell: q, num: true },
          { head: 'Eenheid', cell: (x) => ({ EA: 'stuk', BX: 'doos', PR: 'paar', RL: 'rol' })[x.uom] ?? x.uom },
          { head: 'Prijs', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Totaal', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Subtotaal', m(truth.subtotal)],
          ['Korting 3%', `-${m(truth.discount)}`],
          ['Verzendkosten', m(truth.freight)],
          ['BTW 21%', m(truth.tax)],
          ['Totaal te betalen', total],
        ])}`;
      break;
    case 'title-only':
      body = `
        <h1>PURCHASE ORDER ${po}</h1>
        <div class="row"><div>${supplierBlock(['Issued by Cascade Procurement', 'Terms: Net 45'])}</div><div>Date: ${dateAs(truth, 'LONG')}</div></div>
        <div style="margin-top:12pt">${addressBlock('Ship To', truth, `${s.city}, ${s.postalCode === '62704' ? 'IL' : 'OR'} ${s.postalCode}`)}</div>
        ${linesTable(truth, [
          { head: 'Item', cell: (x) => x.item, code: true },
          { head: 'Description', cell: (x) => x.description, width: '45%' },
          { head: 'Qty', cell: q, num: true },
          { head: 'Unit Price', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Amount', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Subtotal', `$${m(truth.subtotal)}`],
          ['Sales Tax', `$${m(truth.tax)}`],
          ['Total', `$${total}`],
        ])}`;
      break;
    case 'uk-wrap':
      body = `
        <h1>Purchase Order</h1>
        <div class="row"><div>${supplierBlock(['Pennine Group Purchasing', 'VAT Reg GB 123 4567 89'])}</div>
        <div><div>Our Order Reference: ${po}</div><div>Order Date: ${dateAs(truth, 'DMY/')}</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Delivery Address', truth, `${s.city} ${s.postalCode}`)}</div>
        ${linesTable(truth, [
          { head: 'Product', cell: (x) => `${x.item} - ${x.description}`, width: '30%' },
          { head: 'Qty', cell: q, num: true },
          { head: 'Unit Price £', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Line Value £', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Goods Total', m(truth.subtotal)],
          ['VAT @ 20%', m(truth.tax)],
          ['Order Total GBP', total],
        ])}`;
      break;
    case 'buyer-supplier':
      body = `
        <h1>Purchase Order</h1>
        <div class="row"><div>${supplierBlock(['Midwest Builders Supply Inc', '900 Lake Street', 'Chicago, IL 60601'])}</div>
        <div><div>Purchase Order No. ${po}</div><div>Order Date ${dateAs(truth, 'ISO')}</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Ship To:', truth, `${s.city}, ${s.postalCode === '62704' ? 'IL' : 'OR'} ${s.postalCode}`)}</div>
        ${linesTable(truth, [
          { head: 'Ln', cell: (_x, i) => String(i + 1) },
          { head: 'Buyer Part No.', cell: (x) => x.buyerPart, code: true },
          { head: 'Supplier Part No.', cell: (x) => x.item, code: true },
          { head: 'Description', cell: (x) => x.description, width: '30%' },
          { head: 'Qty', cell: q, num: true },
          { head: 'UOM', cell: (x) => x.uom },
          { head: 'Unit Cost', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Ext. Cost', cell: amount, num: true },
        ])}
        ${totalsTable([['PO Total (USD)', total]])}`;
      break;
    case 'boxes':
      body = `
        <h1>Purchase Order</h1>
        <div>Order #: ${po}</div><div>Order Date: ${dateAs(truth, 'ISO')}</div>
        <div style="margin-top:12pt">${addressBlock('Ship to', truth, `${s.city}, ${s.postalCode === '62704' ? 'IL' : 'OR'} ${s.postalCode}`)}</div>
        ${linesTable(truth, [
          { head: 'Item No.', cell: (x) => x.item, code: true },
          { head: 'Description', cell: (x) => x.description, width: '45%' },
          { head: 'Quantity', cell: q, num: true },
          { head: 'Price', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Total', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Subtotal', `$${m(truth.subtotal)}`],
          ['Freight', `$${m(truth.freight)}`],
          ['Tax', `$${m(truth.tax)}`],
          ['Total', `$${total}`],
        ])}`;
      break;
    case 'us-dates':
      body = `
        <h1>PURCHASE ORDER</h1>
        <div class="row">${supplierBlock(['Vendor:', 'Great Lakes Hardware Co', '41 Wacker Drive', 'Chicago, IL 60606'])}
        <div><div>P.O. No.: ${po}</div><div>Date: ${dateAs(truth, 'MDY/')}</div><div>Terms: Net 30</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Ship To', truth, `${s.city}, ${s.postalCode === '62704' ? 'IL' : 'OR'} ${s.postalCode}`)}</div>
        ${linesTable(truth, [
          { head: 'Item #', cell: (x) => x.item, code: true },
          { head: 'Description', cell: (x) => x.description, width: '40%' },
          { head: 'Qty', cell: q, num: true },
          { head: 'Unit', cell: (x) => x.uom },
          { head: 'Unit Price', cell: (x) => `$${m(x.unitPrice)}`, num: true },
          { head: 'Total', cell: (x, i) => `$${amount(x, i)}`, num: true },
        ])}
        ${totalsTable([
          ['Total before discount', `$${m(truth.subtotal)}`],
          ['Discount 3%', `($${m(truth.discount)})`],
          ['Freight', `$${m(truth.freight)}`],
          ['Sales Tax 8.25%', `$${m(truth.tax)}`],
          ['Total Due', `$${total}`],
        ])}`;
      break;
    case 'multipage-40':
      body = `
        <div class="row"><h1>Purchase Order</h1>
        <table class="box"><tr><th>PO Number</th><th>PO Date</th><th>Vendor No.</th></tr><tr><td>${po}</td><td>${dateAs(truth, 'LONG')}</td><td>V-2231</td></tr></table></div>
        <div class="row" style="margin-top:12pt">${addressBlock('Deliver To', truth, `${s.city}, ${s.postalCode === '62704' ? 'IL' : 'OR'} ${s.postalCode}`)}
        ${supplierBlock(['Bill To: Accounts Payable', 'PO Box 4410', 'Springfield, IL 62701'])}</div>
        ${linesTable(truth, [
          { head: 'Line', cell: (_x, i) => String(i + 1) },
          { head: 'Item Number', cell: (x) => x.item, code: true },
          { head: 'Description', cell: (x) => x.description, width: '40%' },
          { head: 'Qty', cell: q, num: true },
          { head: 'UM', cell: (x) => x.uom },
          { head: 'Unit Price', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Ext Price', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Subtotal', m(truth.subtotal)],
          ['Total USD', total],
        ])}`;
      break;
    case 'no-label':
      body = `
        <div class="row"><h1>Purchase Order</h1><div><div>No. ${po}</div><div>Dated ${dateAs(truth, 'ISO')}</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Deliver to:', truth, `${s.city} ${s.postalCode}`)}</div>
        ${linesTable(truth, [
          { head: '#', cell: (_x, i) => String(i + 1) },
          { head: 'Article', cell: (x) => x.item, code: true },
          { head: 'Details', cell: (x) => x.description, width: '42%' },
          { head: 'Qty ordered', cell: q, num: true },
          { head: 'Net price', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Net amount', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Net total', m(truth.subtotal)],
          ['VAT 20%', m(truth.tax)],
          ['Amount payable (GBP)', total],
        ])}`;
      break;
    case 'ch-bestellung':
      body = `
        <h1>Bestellung</h1>
        <div class="row">${supplierBlock(['Lieferant: Eisenwaren Huber AG', 'Industriering 4, 6300 Zug'])}
        <div><div>Bestell-Nr.: ${po}</div><div>Bestelldatum: ${dateAs(truth, 'DMY.')}</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Lieferadresse', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Artikel-Nr.', cell: (x) => x.item, code: true },
          { head: 'Artikelbezeichnung', cell: (x) => x.description, width: '40%' },
          { head: 'Anzahl', cell: q, num: true },
          { head: 'Einheit', cell: (x) => ({ EA: 'Stk', BX: 'Sch', PR: 'Paar', RL: 'Rolle' })[x.uom] ?? x.uom },
          { head: 'Einzelpreis', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Gesamtpreis', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Zwischensumme', m(truth.subtotal)],
          ['MWST 8.1 %', m(truth.tax)],
          ['Total CHF', total],
        ])}`;
      break;
    case 'it-ordine':
      body = `
        <h1>ORDINE D'ACQUISTO</h1>
        <div class="row">${supplierBlock(['Spett.le Utensileria Nord S.p.A.', 'Via Milano 3, 24100 Bergamo'])}
        <div><div>N. ordine: ${po}</div><div>Data ordine: ${dateAs(truth, 'DMY/')}</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Luogo di consegna', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Codice', cell: (x) => x.item, code: true },
          { head: 'Descrizione', cell: (x) => x.description, width: '40%' },
          { head: 'Q.tà', cell: q, num: true },
          { head: 'Prezzo unit.', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Importo', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Imponibile', m(truth.subtotal)],
          ['Spese di trasporto', m(truth.freight)],
          ['IVA 22%', m(truth.tax)],
          ['Totale ordine €', total],
        ])}`;
      break;
    case 'us-requisition':
      body = `
        <div class="row"><h1>Purchase Order</h1>
        <table><tr><td>PO #</td><td>${po}</td></tr><tr><td>Issue Date</td><td>${dateAs(truth, 'MDY/')}</td></tr><tr><td>Buyer</td><td>J. Alvarez</td></tr></table></div>
        <div class="row" style="margin-top:12pt">${addressBlock('Ship-To Location', truth, `${s.city}, ${s.postalCode === '62704' ? 'IL' : 'OR'} ${s.postalCode}`)}
        ${supplierBlock(['Supplier:', 'Great Lakes Hardware Co', 'Chicago, IL 60606'])}</div>
        ${linesTable(truth, [
          { head: 'Vendor Item', cell: (x) => x.item, code: true },
          { head: 'Mfg Part', cell: (x) => x.buyerPart, code: true },
          { head: 'Item Description', cell: (x) => x.description, width: '34%' },
          { head: 'Ordered Qty', cell: q, num: true },
          { head: 'U/M', cell: (x) => x.uom },
          { head: 'Each', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Extension', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Merchandise', `$${m(truth.subtotal)}`],
          ['Shipping & Handling', `$${m(truth.freight)}`],
          ['Tax', `$${m(truth.tax)}`],
          ['Grand Total', `$${total}`],
        ])}`;
      break;
    case 'de-auftrag':
      body = `
        <h1>Bestellung</h1>
        ${supplierBlock(['Technik Großhandel Weber GmbH', 'Hauptstraße 5, 90402 Nürnberg'])}
        <div style="margin-top:8pt">Unsere Bestellnummer: ${po}</div><div>vom ${dateAs(truth, 'DMY.')}</div>
        <div style="margin-top:12pt">${addressBlock('Lieferung an:', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Artikelnr.', cell: (x) => x.item, code: true },
          { head: 'Text', cell: (x) => x.description, width: '40%' },
          { head: 'Bestellmenge', cell: q, num: true },
          { head: 'Einzelpreis EUR', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Gesamt EUR', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Nettowarenwert', m(truth.subtotal)],
          ['abzgl. 3% Rabatt', `-${m(truth.discount)}`],
          ['zzgl. 19% MwSt.', m(truth.tax)],
          ['Endsumme EUR', total],
        ])}`;
      break;
    case 'fr-erp':
      body = `
        <div class="row"><h1>COMMANDE FOURNISSEUR</h1>
        <table class="box"><tr><th>Numéro</th><th>Date</th><th>Page</th></tr><tr><td>${po}</td><td>${dateAs(truth, 'DMY/')}</td><td>1</td></tr></table></div>
        <div style="margin-top:12pt">${addressBlock('Livraison :', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Pos', cell: (_x, i) => String((i + 1) * 10) },
          { head: 'Code article', cell: (x) => x.item, code: true },
          { head: 'Libellé', cell: (x) => x.description, width: '38%' },
          { head: 'Quantité', cell: q, num: true },
          { head: 'PU net', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Total HT', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Montant HT', m(truth.subtotal)],
          ['TVA 20 %', m(truth.tax)],
          ['Net à payer EUR', total],
        ])}`;
      break;
    case 'nl-bestelling':
      body = `
        <h1>Bestelling</h1>
        <div class="row">${supplierBlock(['Leverancier: Van Dijk Gereedschap B.V.', 'Industrieweg 8, 5600 Eindhoven'])}
        <div><div>Bestelnr.: ${po}</div><div>Datum: ${dateAs(truth, 'DMY-')}</div></div></div>
        <div style="margin-top:12pt">${addressBlock('Levering aan', truth, `${s.postalCode} ${s.city}`)}</div>
        ${linesTable(truth, [
          { head: 'Code', cell: (x) => x.item, code: true },
          { head: 'Artikel', cell: (x) => x.description, width: '40%' },
          { head: 'Aantal', cell: q, num: true },
          { head: 'Stukprijs', cell: (x) => m(x.unitPrice), num: true },
          { head: 'Regeltotaal', cell: amount, num: true },
        ])}
        ${totalsTable([
          ['Totaal excl. BTW', `€ ${m(truth.subtotal)}`],
          ['BTW 21%', `€ ${m(truth.tax)}`],
          ['Totaal incl. BTW', `€ ${total}`],
        ])}`;
      break;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>${BASE_CSS}</style></head><body>${body}</body></html>`;
}

/** The held-out set: `perLayout` clean POs per held-out layout plus two defective ones. */
export function holdoutSet(perLayout = 3, seed = 16): UnseenTruth[] {
  const out: UnseenTruth[] = [];
  HOLDOUT_LAYOUTS.forEach((layout, li) => {
    for (let k = 0; k < perLayout; k++) out.push(anUnseenPo(layout, seed * 10_000 + li * 100 + k));
  });
  out.push(anUnseenPo('us-requisition', seed * 10_000 + 9_000, 'line-amount'), anUnseenPo('de-auftrag', seed * 10_000 + 9_001, 'total'));
  return out;
}

/** The set: `perLayout` clean POs per layout plus one defective document for every third layout. */
export function unseenSet(perLayout = 3, seed = 15): UnseenTruth[] {
  const out: UnseenTruth[] = [];
  UNSEEN_LAYOUTS.forEach((layout, li) => {
    for (let k = 0; k < perLayout; k++) out.push(anUnseenPo(layout, seed * 10_000 + li * 100 + k));
  });
  const defects: Array<[UnseenLayout, NonNullable<UnseenTruth['defect']>]> = [
    ['de-erp', 'line-amount'],
    ['nl-inkoop', 'total'],
    ['title-only', 'no-po-number'],
    ['us-dates', 'scanned'],
    ['multipage-40', 'total'],
    ['fr-bon', 'line-amount'],
  ];
  defects.forEach(([layout, defect], i) => out.push(anUnseenPo(layout, seed * 10_000 + 9_000 + i, defect)));
  return out;
}
