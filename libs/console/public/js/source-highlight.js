// @ts-check
// The source beside the fields: a PDF drawn with pdf.js, X12 segment by segment or JSON line by line, with the
// place each value was read from highlighted while its field has focus.
//
// Field paths are the regions contract's: `poNumber`, `orderDate`, `shipTo`, `customer`, `lines[2].sku`,
// `lines[2].quantity`, `lines[2].unitPrice` (line indexes from 0). PDF regions come from the API (`regions`, PDF
// points from the top-left); X12 and JSON places are found here, from the document itself.
import { api, errorText } from './api.js';
import { h, mount } from './dom.js';
import { parseMessage, readParts } from './mime.js';
import { describeSegment, looksLikeX12, parseX12 } from './x12.js';

/** @typedef {{ field: string, page: number, x: number, y: number, width: number, height: number }} Region */
/** @typedef {{ highlight(field: string | null): boolean, cleanup(): void }} SourceView */

const PDFJS = '/vendor/pdfjs/build/pdf.min.mjs';

/**
 * Loads the raw document into `container` and answers a view whose `highlight(field)` marks where that field came
 * from (false when the source does not say).
 * @param {HTMLElement} container
 * @param {{ rawDocumentId: string, channel: string, regions?: Region[] }} x
 * @returns {Promise<SourceView>}
 */
export async function renderSource(container, x) {
  /** @type {string[]} */
  const urls = [];
  const cleanup = () => urls.forEach((u) => URL.revokeObjectURL(u));
  mount(container, h('p', { class: 'loading' }, 'Loading source…'));
  try {
    const [meta, response] = await Promise.all([
      api.get(`/api/v1/raw-documents/${encodeURIComponent(x.rawDocumentId)}`).catch(() => null),
      api.get(`/api/v1/raw-documents/${encodeURIComponent(x.rawDocumentId)}/content`, { raw: true }),
    ]);
    const contentType = String(meta?.contentType || response.headers.get('Content-Type') || '')
      .split(';')[0]
      .trim();
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (contentType === 'application/pdf') return withCleanup(await pdfView(container, bytes, x.regions ?? [], urls), cleanup);
    const text = new TextDecoder().decode(bytes);
    if (contentType === 'message/rfc822' || /^(Received|From|Return-Path|MIME-Version|Message-ID|Subject):/im.test(text.slice(0, 300))) {
      const parts = readParts(parseMessage(text));
      const pdf = parts.attachments.find((a) => a.contentType === 'application/pdf' || /\.pdf$/i.test(a.filename));
      const headers = parseMessage(text);
      const head = h(
        'details',
        { class: 'email-head' },
        h('summary', {}, `Email from ${headers.header('From') || 'unknown'}: ${headers.header('Subject') || '(no subject)'}`),
        h('pre', { class: 'raw email-body' }, parts.text || '(no text part)'),
      );
      if (pdf) {
        const body = h('div');
        mount(container, head, body);
        return withCleanup(await pdfView(body, pdf.bytes, x.regions ?? [], urls), cleanup);
      }
      mount(container, head);
      return { highlight: () => false, cleanup };
    }
    if (looksLikeX12(text)) return withCleanup(x12Source(container, text), cleanup);
    if (/json/.test(contentType) || /^\s*[{[]/.test(text)) return withCleanup(jsonSource(container, text, x.channel), cleanup);
    mount(container, h('pre', { class: 'raw' }, text));
    return { highlight: () => false, cleanup };
  } catch (error) {
    mount(container, h('p', { role: 'alert', class: 'error' }, `Could not load the source document: ${errorText(error)}`));
    return { highlight: () => false, cleanup };
  }
}

/**
 * @param {SourceView} view
 * @param {() => void} extra
 * @returns {SourceView}
 */
function withCleanup(view, extra) {
  return {
    highlight: view.highlight,
    cleanup: () => {
      view.cleanup();
      extra();
    },
  };
}

/**
 * The best matches for `field` among `available` paths: itself, else its line (`lines[2]`), else nothing.
 * @param {string} field
 * @param {string[]} available
 */
function candidates(field, available) {
  if (available.includes(field)) return [field];
  const line = /^lines\[\d+\]/.exec(field)?.[0];
  if (line) {
    const inLine = available.filter((p) => p === line || p.startsWith(`${line}.`));
    if (inLine.length) return inLine;
  }
  return [];
}

/**
 * @param {HTMLElement} container
 * @param {Uint8Array} bytes
 * @param {Region[]} regions
 * @param {string[]} urls
 * @returns {Promise<SourceView>}
 */
async function pdfView(container, bytes, regions, urls) {
  const blob = new Blob([/** @type {BlobPart} */ (bytes)], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  urls.push(url);
  const pages = h('div', { class: 'pdf-pages', role: 'document', 'aria-label': 'Source PDF' });
  const fallback = h('p', { class: 'muted' }, h('a', { href: url, download: 'source.pdf', class: 'button' }, 'Download the PDF'));
  mount(container, pages, fallback);
  /** @type {any} */
  let pdf = null;
  try {
    const pdfjs = await import(PDFJS);
    pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/build/pdf.worker.min.mjs';
    pdf = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, standardFontDataUrl: '/vendor/pdfjs/standard_fonts/' })
      .promise;
    const width = Math.max(320, container.clientWidth - 4);
    for (let n = 1; n <= Math.min(pdf.numPages, 10); n += 1) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const scale = width / base.width;
      const viewport = page.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const canvas = h('canvas', {
        width: Math.floor(viewport.width * ratio),
        height: Math.floor(viewport.height * ratio),
        'aria-hidden': 'true',
      });
      canvas.style.width = `${viewport.width}px`;
      canvas.style.height = `${viewport.height}px`;
      const box = h('div', { class: 'pdf-page', dataset: { page: String(n) } }, canvas);
      box.style.width = `${viewport.width}px`;
      box.style.height = `${viewport.height}px`;
      for (const r of regions.filter((r) => r.page === n)) {
        const mark = h('div', { class: 'region', hidden: true, dataset: { field: r.field }, title: r.field });
        Object.assign(mark.style, {
          left: `${r.x * scale}px`,
          top: `${r.y * scale}px`,
          width: `${r.width * scale}px`,
          height: `${r.height * scale}px`,
        });
        box.append(mark);
      }
      pages.append(box);
      await page.render({
        canvasContext: canvas.getContext('2d'),
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      }).promise;
    }
    pages.dataset.rendered = String(Math.min(pdf.numPages, 10));
  } catch (error) {
    mount(pages, h('p', { role: 'alert', class: 'error' }, `The PDF could not be drawn here (${errorText(error)}).`));
  }
  const available = regions.map((r) => r.field);
  return {
    highlight(field) {
      const wanted = field ? candidates(field, available) : [];
      /** @type {HTMLElement | null} */
      let first = null;
      for (const mark of /** @type {NodeListOf<HTMLElement>} */ (pages.querySelectorAll('.region'))) {
        const on = wanted.includes(mark.dataset.field ?? '');
        mark.hidden = !on;
        if (on && !first) first = mark;
      }
      first?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      return Boolean(first);
    },
    cleanup: () => void pdf?.destroy(),
  };
}

/**
 * X12: each segment a list item; a field maps to the segment it came from (BEG for the PO number and date, the
 * ship-to N1 loop, the n-th PO1 for line n).
 * @param {HTMLElement} container
 * @param {string} text
 * @returns {SourceView}
 */
function x12Source(container, text) {
  const segments = parseX12(text);
  /** @type {Map<string, number[]>} */
  const places = new Map();
  const add = (/** @type {string} */ key, /** @type {number} */ i) => places.set(key, [...(places.get(key) ?? []), i]);
  let line = -1;
  let inShipTo = false;
  segments.forEach((s, i) => {
    if (s.id === 'BEG') {
      add('poNumber', i);
      add('orderDate', i);
    }
    if (s.id === 'N1') inShipTo = s.elements[0] === 'ST';
    if (inShipTo && ['N1', 'N2', 'N3', 'N4'].includes(s.id)) add('shipTo', i);
    if (s.id === 'PO1') {
      line += 1;
      inShipTo = false;
      add(`lines[${line}]`, i);
    }
    if (line >= 0 && ['PID', 'PO4'].includes(s.id)) add(`lines[${line}]`, i);
    if (s.id === 'CTT') line = Number.MAX_SAFE_INTEGER;
  });
  const items = segments.map((segment, i) => {
    const d = describeSegment(segment);
    return h(
      'li',
      { dataset: { index: String(i) } },
      h('code', { class: 'seg' }, segment.raw),
      d.name || d.elements.some((e) => e.name)
        ? h(
            'div',
            { class: 'seg-desc' },
            d.name ? h('strong', {}, d.name) : null,
            d.elements
              .filter((e) => e.value !== '')
              .map((e) => h('span', { class: 'el' }, h('abbr', { title: e.ref }, e.name ?? e.ref), ': ', e.value.trim())),
          )
        : null,
    );
  });
  mount(container, h('ol', { class: 'x12', 'aria-label': 'X12 segments' }, items));
  return {
    highlight(field) {
      const key = field ? (places.has(field) ? field : (/^lines\[\d+\]/.exec(field)?.[0] ?? field)) : '';
      const marked = new Set(places.get(key) ?? []);
      items.forEach((li, i) => li.classList.toggle('hl', marked.has(i)));
      items[[...marked][0]]?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      return marked.size > 0;
    },
    cleanup: () => undefined,
  };
}

/** Where each field sits in a channel's JSON (phone form, Shopify order). */
const JSON_PATHS = /** @type {Record<string, (field: string) => string[]>} */ ({
  phone: (f) =>
    f === 'shipTo' ? ['shipToCode'] : f === 'customer' ? ['customerId'] : f.startsWith('lines[') ? [f.replace(/\.unitPrice$/, '')] : [f],
  shopify: (f) => {
    if (f === 'poNumber') return ['name', 'order_number'];
    if (f === 'shipTo') return ['shipping_address'];
    if (f === 'customer') return ['customer', 'email'];
    if (f === 'orderDate') return ['created_at'];
    const m = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(f);
    if (m)
      return [`line_items[${m[1]}]${m[2] === 'quantity' ? '.quantity' : m[2] === 'unitPrice' ? '.price' : m[2] === 'sku' ? '.sku' : ''}`];
    return [f];
  },
});

/**
 * JSON pretty-printed exactly as JSON.stringify(value, null, 2), one span per line carrying the path it belongs to.
 * @param {HTMLElement} container
 * @param {string} text
 * @param {string} channel
 * @returns {SourceView}
 */
function jsonSource(container, text, channel) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    mount(container, h('pre', { class: 'raw json', 'aria-label': 'Source JSON' }, text));
    return { highlight: () => false, cleanup: () => undefined };
  }
  /** @type {Array<{ text: string, path: string }>} */
  const lines = [];
  jsonLines(value, '', '', '', false, lines);
  const spans = lines.map((l) => h('span', { class: 'jl', dataset: { path: l.path } }, `${l.text}\n`));
  mount(container, h('pre', { class: 'raw json', 'aria-label': 'Source JSON' }, spans));
  const toPaths = JSON_PATHS[channel] ?? ((/** @type {string} */ f) => [f]);
  return {
    highlight(field) {
      const wanted = field ? toPaths(field) : [];
      // Fall back from a missing key to its line item, so a focused line always shows where it came from.
      const present = (/** @type {string} */ p) => lines.some((l) => l.path === p);
      const targets = wanted.flatMap((p) =>
        present(p) ? [p] : present(p.replace(/\.[^.[\]]+$/, '')) ? [p.replace(/\.[^.[\]]+$/, '')] : [],
      );
      let first = null;
      for (const span of spans) {
        const path = span.dataset.path ?? '';
        const on = targets.some((t) => path === t || path.startsWith(`${t}.`) || path.startsWith(`${t}[`));
        span.classList.toggle('hl', on);
        if (on && !first) first = span;
      }
      first?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      return Boolean(first);
    },
    cleanup: () => undefined,
  };
}

/**
 * @param {unknown} value
 * @param {string} path
 * @param {string} indent
 * @param {string} key  `"name": ` or ''
 * @param {boolean} comma
 * @param {Array<{ text: string, path: string }>} out
 */
function jsonLines(value, path, indent, key, comma, out) {
  const end = comma ? ',' : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push({ text: `${indent}${key}[]${end}`, path });
    out.push({ text: `${indent}${key}[`, path });
    value.forEach((v, i) => jsonLines(v, `${path}[${i}]`, `${indent}  `, '', i < value.length - 1, out));
    out.push({ text: `${indent}]${end}`, path });
    return;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return void out.push({ text: `${indent}${key}{}${end}`, path });
    out.push({ text: `${indent}${key}{`, path });
    entries.forEach(([k, v], i) =>
      jsonLines(v, path ? `${path}.${k}` : k, `${indent}  `, `${JSON.stringify(k)}: `, i < entries.length - 1, out),
    );
    out.push({ text: `${indent}}${end}`, path });
    return;
  }
  out.push({ text: `${indent}${key}${JSON.stringify(value)}${end}`, path });
}
