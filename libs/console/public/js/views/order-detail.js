// @ts-check
// One sales order: header, status timeline, priced lines, its source, and every document sent back.
import { api, errorText } from '../api.js';
import { h, mount } from '../dom.js';
import { CHANNEL_LABELS, dateTime, money, quantity } from '../format.js';
import { appliedRuleItem } from '../price-rules.js';
import { contentView } from '../source-view.js';

const EXTENSIONS = { 855: 'edi', 810: 'edi', 997: 'edi', 999: 'edi', TA1: 'edi', email: 'eml' };

export async function render(main, { id }, { flash }) {
  const order = await api.get(`/api/v1/orders/${encodeURIComponent(id)}`);
  const urls = [];
  const docs = h('div', { 'aria-live': 'polite' });
  const c = order.currency;

  mount(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '/orders' }, '← Orders')),
    h('h1', {}, `Order ${order.number ?? order.id}`),
    h(
      'dl',
      { class: 'meta wide' },
      [
        ['PO number', order.poNumber],
        ['PO date', order.poDate],
        [
          'Customer',
          order.customer ? [order.customer.name, order.customer.code && `(${order.customer.code})`].filter(Boolean).join(' ') : null,
        ],
        ['Channel', CHANNEL_LABELS[order.channel] ?? order.channel],
        ['Status', order.status],
        ['Priority', order.priority],
        ['Ship-to', shipToText(order.shipTo)],
        ['Total', money(order.total, c)],
        ['Created', dateTime(order.createdAt)],
        ['Notes', Array.isArray(order.notes) ? order.notes.join(' / ') : order.notes],
      ]
        .filter(([, v]) => v)
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      order.rawDocumentId
        ? [
            h('dt', {}, 'Source'),
            h('dd', {}, h('a', { href: `/documents/${encodeURIComponent(order.rawDocumentId)}` }, 'View the source document')),
          ]
        : null,
    ),
    h('section', { 'aria-labelledby': 'timeline-h' }, h('h2', { id: 'timeline-h' }, 'Status timeline'), timeline(order.history)),
    h('section', { 'aria-labelledby': 'lines-h' }, h('h2', { id: 'lines-h' }, 'Lines'), linesTable(order.lines ?? [], c)),
    h('section', { 'aria-labelledby': 'docs-h' }, h('h2', { id: 'docs-h' }, 'Documents sent'), docs),
  );
  await loadDocuments(docs, order.id, urls, flash);
  return () => urls.forEach((u) => URL.revokeObjectURL(u));
}

function shipToText(s) {
  if (!s) return null;
  if (typeof s === 'string') return s;
  return [s.code, s.name, s.address1, s.city, s.region, s.postalCode].filter(Boolean).join(', ');
}

function timeline(history) {
  if (!history?.length) return h('p', { class: 'muted' }, 'No status changes yet.');
  return h(
    'ol',
    { class: 'timeline' },
    history.map((e) =>
      h(
        'li',
        {},
        h('time', { datetime: e.at }, dateTime(e.at)),
        ' ',
        h('span', { class: `status s-${e.status}` }, e.status),
        e.action && e.action !== e.status ? ` ${e.action}` : '',
        e.actor ? ` by ${e.actor}` : '',
        e.note ? ` — ${e.note}` : '',
      ),
    ),
  );
}

function linesTable(lines, currency) {
  return h(
    'table',
    { class: 'grid lines' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['#', 'Item', 'Ordered', 'Accepted', 'Backordered', 'Shipped', 'Unit price', 'Price rules', 'Amount', 'Ack'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      lines.map((l) =>
        h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            l.lineNumber,
            l.buyerLineNumber && String(l.buyerLineNumber) !== String(l.lineNumber)
              ? h('div', { class: 'muted' }, `buyer ${l.buyerLineNumber}`)
              : null,
          ),
          h('td', {}, h('code', {}, l.sku), ' ', l.description ?? ''),
          h('td', { class: 'num' }, `${quantity(l.quantity)} ${l.uom ?? ''}`),
          h('td', { class: 'num' }, quantity(l.acceptedQuantity)),
          h('td', { class: 'num' }, quantity(l.backorderedQuantity)),
          h('td', { class: 'num' }, quantity(l.shippedQuantity)),
          h(
            'td',
            { class: 'num' },
            money(l.unitPrice, currency),
            l.buyerUnitPrice && l.buyerUnitPrice !== l.unitPrice
              ? h('div', { class: 'muted' }, `buyer ${money(l.buyerUnitPrice, currency)}`)
              : null,
          ),
          h('td', {}, pricing(l.pricing, currency)),
          h('td', { class: 'num' }, money(l.amount, currency)),
          h('td', {}, l.ackCode ?? ''),
        ),
      ),
    ),
  );
}

function pricing(p, currency) {
  if (!p) return '';
  const applied = p.applied ?? [];
  return h(
    'div',
    { class: 'rules' },
    h('div', { class: 'muted' }, `list ${money(p.listPrice, currency)}`),
    applied.length
      ? h(
          'ul',
          {},
          applied.map((a) => appliedRuleItem(a, `: ${money(a.before, currency)} → ${money(a.after, currency)}`)),
        )
      : h('div', { class: 'muted' }, 'no rule applied'),
  );
}

async function loadDocuments(el, orderId, urls, flash) {
  let items;
  try {
    items = (await api.get(`/api/v1/orders/${encodeURIComponent(orderId)}/documents`)).items;
  } catch (error) {
    return void mount(el, h('p', { role: 'alert', class: 'error' }, `Could not load documents: ${errorText(error)}`));
  }
  if (!items.length) return void mount(el, h('p', { class: 'muted' }, 'Nothing sent yet.'));
  mount(
    el,
    h(
      'table',
      { class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Document', 'Status', 'Created', 'Control number', 'Actions'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((d) => documentRows(d, urls, () => loadDocuments(el, orderId, urls, flash), flash)),
      ),
    ),
  );
}

function documentRows(d, urls, reload, flash) {
  const label = d.kind === 'email' ? 'Email' : `X12 ${d.kind}`;
  const viewer = h('tr', { class: 'doc-view', hidden: true }, h('td', { colspan: 5 }));
  const viewButton = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-label': `View ${label}` }, 'View');
  viewButton.addEventListener('click', () => {
    const showing = viewer.hidden;
    viewer.hidden = !showing;
    viewButton.setAttribute('aria-expanded', String(showing));
    if (showing && !viewer.firstElementChild.firstChild) mount(viewer.firstElementChild, contentView(d.content, d.contentType, urls));
  });
  const file = new Blob([d.content ?? ''], { type: d.contentType || 'text/plain' });
  const url = URL.createObjectURL(file);
  urls.push(url);
  const resend = h(
    'button',
    {
      type: 'button',
      'aria-label': `Re-send ${label}`,
      onclick: async () => {
        resend.disabled = true;
        try {
          await api.post(`/api/v1/documents/${encodeURIComponent(d.id)}/resend`);
          flash(`${label} queued to be sent again.`);
          await reload();
        } catch (error) {
          flash(`Could not re-send: ${errorText(error)}`, 'error');
          resend.disabled = false;
        }
      },
    },
    'Re-send',
  );
  return [
    h(
      'tr',
      {},
      h('td', {}, label),
      h('td', {}, h('span', { class: `status s-${d.status}` }, d.status)),
      h('td', {}, dateTime(d.createdAt)),
      h('td', {}, d.controlNumber ?? ''),
      h(
        'td',
        { class: 'actions' },
        viewButton,
        h(
          'a',
          {
            href: url,
            download: `${d.kind}-${d.controlNumber ?? d.id}.${EXTENSIONS[d.kind] ?? 'txt'}`,
            class: 'button',
            'aria-label': `Download ${label}`,
          },
          'Download',
        ),
        resend,
      ),
    ),
    viewer,
  ];
}
