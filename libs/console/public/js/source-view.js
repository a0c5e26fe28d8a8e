// @ts-check
// Shows a raw document the way a person reads it: a PDF in the browser's viewer, X12 segment by segment,
// webhook JSON pretty-printed, an email as headers, text and attachments.
import { api, errorText } from './api.js';
import { h, mount } from './dom.js';
import { dateTime } from './format.js';
import { parseMessage, readParts } from './mime.js';
import { describeSegment, looksLikeX12, parseX12 } from './x12.js';

/** Loads /raw-documents/{id} and its content into `container`; returns a cleanup that frees blob URLs. */
export async function renderRawDocument(container, id) {
  const urls = [];
  const cleanup = () => urls.forEach((u) => URL.revokeObjectURL(u));
  mount(container, h('p', { class: 'loading' }, 'Loading source…'));
  try {
    const [meta, response] = await Promise.all([
      api.get(`/api/v1/raw-documents/${encodeURIComponent(id)}`).catch(() => null),
      api.get(`/api/v1/raw-documents/${encodeURIComponent(id)}/content`, { raw: true }),
    ]);
    // The API serves untrusted content as text/plain; the stored type says what it really is.
    const contentType = (meta?.contentType || response.headers.get('Content-Type') || 'application/octet-stream').split(';')[0].trim();
    const blob = await response.blob();
    const view = await viewFor(blob, contentType, urls, `source-${id}`);
    mount(container, meta ? metadata(meta) : null, view);
  } catch (error) {
    mount(container, h('p', { role: 'alert', class: 'error' }, `Could not load the source document: ${errorText(error)}`));
  }
  return cleanup;
}

/** Outbound documents arrive as text inside JSON: the same readable views. */
export function contentView(content, contentType, urls) {
  return textView(String(content ?? ''), contentType || 'text/plain', urls);
}

function metadata(meta) {
  const rows = [
    ['Channel', meta.channel],
    ['Sender', meta.sender],
    ['Received', dateTime(meta.receivedAt)],
    ['Type', meta.contentType],
    ['Size', meta.size !== undefined ? `${meta.size} bytes` : null],
    ['SHA-256', meta.sha256],
  ].filter(([, v]) => v);
  return h(
    'dl',
    { class: 'meta' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

async function viewFor(blob, contentType, urls, name) {
  if (contentType === 'application/pdf') return pdfView(blob, urls, `${name}.pdf`);
  return textView(await blob.text(), contentType, urls);
}

function textView(text, contentType, urls) {
  if (/json/.test(contentType) || /^\s*[{[]/.test(text)) return jsonView(text);
  if (looksLikeX12(text)) return x12View(text);
  if (
    contentType === 'message/rfc822' ||
    /^(Received|From|Return-Path|MIME-Version|Message-ID|Date|Subject|To|Delivered-To):/im.test(text.slice(0, 200))
  ) {
    return emailView(text, urls);
  }
  return h('pre', { class: 'raw' }, text);
}

function download(blob, filename, urls, label = `Download ${filename}`) {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  return h('a', { href: url, download: filename, class: 'button' }, label);
}

function pdfView(blob, urls, filename) {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  // The browser's own viewer; headless or locked-down browsers may show nothing, hence the download link.
  return h(
    'div',
    { class: 'pdf' },
    h('iframe', { src: url, title: 'Source PDF', class: 'pdf-frame' }),
    h('p', {}, 'PDF not showing? ', download(blob, filename, urls, 'Download the PDF')),
  );
}

function jsonView(text) {
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not valid JSON after all: show it as it came.
  }
  return h('pre', { class: 'raw json', 'aria-label': 'Source JSON' }, pretty);
}

export function x12View(text) {
  const segments = parseX12(text);
  return h(
    'ol',
    { class: 'x12', 'aria-label': 'X12 segments' },
    segments.map((segment) => {
      const d = describeSegment(segment);
      return h(
        'li',
        {},
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
    }),
  );
}

function emailView(text, urls) {
  const message = parseMessage(text);
  const parts = readParts(message);
  const shown = ['From', 'To', 'Cc', 'Subject', 'Date', 'Message-ID'];
  return h(
    'article',
    { class: 'email', 'aria-label': 'Source email' },
    h(
      'dl',
      { class: 'meta' },
      shown.filter((n) => message.header(n)).map((n) => [h('dt', {}, n), h('dd', {}, message.header(n))]),
    ),
    h('pre', { class: 'raw email-body' }, parts.text || '(no text part)'),
    parts.attachments.length
      ? h(
          'section',
          { 'aria-label': 'Attachments' },
          h('h3', {}, 'Attachments'),
          parts.attachments.map((a) => {
            const blob = new Blob([a.bytes], { type: a.contentType });
            return a.contentType === 'application/pdf' ? pdfView(blob, urls, a.filename) : h('p', {}, download(blob, a.filename, urls));
          }),
        )
      : null,
    h(
      'details',
      {},
      h('summary', {}, 'All headers'),
      h('pre', { class: 'raw' }, message.headers.map((x) => `${x.name}: ${x.value}`).join('\n')),
    ),
  );
}
