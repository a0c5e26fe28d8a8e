// @ts-check
// One sales order: header, status timeline, priced lines, its source, and every document sent back.
import { api, errorText } from '../api.js';
import { field, h, mount } from '../dom.js';
import { channelClass, CHANNEL_LABELS, dateTime, money, quantity } from '../format.js';
import { actorName, names } from '../names.js';
import { appliedRuleItem } from '../price-rules.js';
import { contentView } from '../source-view.js';
import { deliveryBadge, statusBadge } from '../status.js';

/** Statuses from which the hub still cancels (a partly shipped order is short-closed: the rest never ships). */
const CANCELLABLE = ['received', 'flagged', 'accepted', 'partially-shipped'];
const SHIPPABLE = ['accepted', 'partially-shipped'];

const EXTENSIONS = { 855: 'edi', 810: 'edi', 997: 'edi', 999: 'edi', TA1: 'edi', email: 'eml' };

/**
 * @param {HTMLElement} main
 * @param {{ id: string }} params
 * @param {{ flash: (t: string, k?: string) => void, navigate: Function }} ctx
 */
export async function render(main, { id }, { flash, navigate }) {
  const order = await api.get(`/api/v1/orders/${encodeURIComponent(id)}`);
  /** @type {string[]} */
  const urls = [];
  const docs = h('div', { 'aria-live': 'polite' });
  const c = order.currency;
  const sums = fulfilment(order.lines ?? []);
  const resolved = await names([
    ...(order.history ?? []).map((/** @type {any} */ e) => e.actor),
    order.channel === 'edi' && order.partnerId ? `partner:${order.partnerId}` : null,
    order.channel === 'phone' && order.sender ? `user:${order.sender}` : null,
  ]);
  const reload = () => navigate(location.pathname, { replace: true, keepFlash: true });

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
        ['Channel', h('span', { class: `channel ${channelClass(order.channel)}` }, CHANNEL_LABELS[order.channel] ?? order.channel)],
        ['Status', statusBadge(order.status, sums)],
        ['From', senderText(order, resolved)],
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
    h('section', { 'aria-labelledby': 'timeline-h' }, h('h2', { id: 'timeline-h' }, 'Status timeline'), timeline(order.history, resolved)),
    h('section', { 'aria-labelledby': 'lines-h' }, h('h2', { id: 'lines-h' }, 'Lines'), linesTable(order.lines ?? [], c)),
    SHIPPABLE.includes(order.status) ? shipmentForm(order, flash, reload) : null,
    CANCELLABLE.includes(order.status) ? cancelForm(order, sums, flash, reload) : null,
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

/**
 * Who sent the order, by name: the partner for EDI, the operator who took the call for phone.
 * @param {any} order
 * @param {Map<string, string | null>} resolved
 */
function senderText(order, resolved) {
  if (order.channel === 'edi') return resolved.get(`partner:${order.partnerId}`) ?? 'an EDI partner';
  if (order.channel === 'phone') return `phone call taken by ${resolved.get(`user:${order.sender}`) ?? order.sender ?? 'an operator'}`;
  return order.sender;
}

/**
 * Line quantities summed: what the status badge and the cancel note are made of.
 * @param {any[]} lines
 */
function fulfilment(lines) {
  const sum = (/** @type {string} */ key) => lines.reduce((n, l) => n + Number(l[key] ?? 0), 0);
  return {
    ordered: String(sum('quantity')),
    accepted: String(sum('acceptedQuantity')),
    backordered: String(sum('backorderedQuantity')),
    shipped: String(sum('shippedQuantity')),
  };
}

/**
 * Cancel, with the reason, saying first what happens to the stock.
 * @param {any} order
 * @param {{ accepted: string, shipped: string, backordered: string }} sums
 * @param {(t: string, k?: string) => void} flash
 * @param {() => void} reload
 */
function cancelForm(order, sums, flash, reload) {
  const reason = h('textarea', { rows: 2 });
  const error = h('p', { class: 'error', role: 'alert' });
  const reserved = Number(sums.accepted) - Number(sums.shipped);
  const consequence =
    order.status === 'partially-shipped'
      ? `What has shipped stays shipped; the rest (${quantity(String(reserved))} units) will not ship and its reserved stock goes back to available. The order becomes "shipped" (short-closed).`
      : reserved > 0
        ? `The ${quantity(String(reserved))} reserved units go back to available stock${Number(sums.backordered) > 0 ? `, and the ${quantity(sums.backordered)} backordered units are dropped` : ''}.`
        : 'Nothing is reserved for this order, so stock does not change.';
  const button = h('button', { type: 'submit', class: 'danger' }, 'Cancel order');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'cancel-h' },
    h('h2', { id: 'cancel-h' }, 'Cancel the order'),
    h(
      'form',
      {
        'aria-label': 'Cancel the order',
        onsubmit: async (/** @type {Event} */ e) => {
          e.preventDefault();
          if (!reason.value.trim()) {
            error.textContent = 'Say why the order is cancelled.';
            return reason.focus();
          }
          button.disabled = true;
          try {
            const answer = await api.post(`/api/v1/orders/${encodeURIComponent(order.id)}/cancel`, { reason: reason.value.trim() });
            flash(`Order ${order.number} is now ${answer.status}. ${consequence}`);
            reload();
          } catch (err) {
            error.textContent = errorText(err);
            button.disabled = false;
          }
        },
      },
      h('p', { class: 'muted', id: `cancel-${order.id}-what` }, consequence),
      field('Reason for cancelling', reason),
      error,
      button,
    ),
  );
}

/**
 * Record a shipment, whole or partial: quantities per carton (one carton to start, more on demand), carrier and
 * tracking. The 856 and 810 follow for EDI partners whose profile asks for them.
 * @param {any} order
 * @param {(t: string, k?: string) => void} flash
 * @param {() => void} reload
 */
function shipmentForm(order, flash, reload) {
  const open = (order.lines ?? []).filter((/** @type {any} */ l) => Number(l.acceptedQuantity) - Number(l.shippedQuantity) > 0);
  if (open.length === 0) return null;
  const remaining = (/** @type {any} */ l) => String(Number(l.acceptedQuantity) - Number(l.shippedQuantity));
  const carrier = h('input', { type: 'text', autocomplete: 'off', placeholder: 'e.g. UPS' });
  const tracking = h('input', { type: 'text', autocomplete: 'off' });
  const error = h('p', { class: 'error', role: 'alert' });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Line'),
    h('th', { scope: 'col' }, 'Item'),
    h('th', { scope: 'col', class: 'num' }, 'To ship'),
  );
  /** @type {Array<{ sscc: HTMLInputElement, qty: HTMLInputElement[] }>} */
  const cartons = [];
  const rows = open.map((/** @type {any} */ l) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, l.lineNumber),
      h('td', {}, h('code', {}, l.sku), ' ', l.description ?? ''),
      h('td', { class: 'num' }, `${quantity(remaining(l))} ${l.uom ?? ''}`),
    ),
  );
  const ssccRow = h('tr', { class: 'sscc' }, h('th', { scope: 'row', colspan: 3 }, 'SSCC (optional)'));
  function addCarton() {
    const n = cartons.length + 1;
    const first = n === 1;
    const qty = open.map((/** @type {any} */ l, /** @type {number} */ i) =>
      h('input', {
        type: 'text',
        inputmode: 'decimal',
        size: 5,
        value: first ? remaining(l) : '',
        'aria-label': `Carton ${n}, line ${l.lineNumber} quantity`,
        dataset: { line: String(i) },
      }),
    );
    const sscc = h('input', { type: 'text', size: 18, inputmode: 'numeric', 'aria-label': `Carton ${n} SSCC` });
    cartons.push({ sscc, qty });
    head.append(h('th', { scope: 'col' }, `Carton ${n}`));
    rows.forEach((row, i) => row.append(h('td', {}, qty[i])));
    ssccRow.append(h('td', {}, sscc));
  }
  addCarton();
  const button = h('button', { type: 'submit', class: 'primary' }, 'Record shipment');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'ship-h' },
    h('h2', { id: 'ship-h' }, 'Record a shipment'),
    h(
      'form',
      {
        'aria-label': 'Record a shipment',
        onsubmit: async (/** @type {Event} */ e) => {
          e.preventDefault();
          error.textContent = '';
          const bad = cartons.flatMap((c) => c.qty).find((i) => i.value.trim() !== '' && !/^\d+(\.\d+)?$/.test(i.value.trim()));
          if (bad) {
            error.textContent = 'Quantities are numbers (leave a cell empty for none).';
            return bad.focus();
          }
          const lines = open
            .map((/** @type {any} */ l, /** @type {number} */ i) => ({
              lineNumber: Number(l.lineNumber),
              quantity: cartons.reduce((n, c) => n + Number(c.qty[i].value.trim() || 0), 0),
            }))
            .filter((l) => l.quantity > 0)
            .map((l) => ({ ...l, quantity: String(l.quantity) }));
          if (lines.length === 0) {
            error.textContent = 'Enter what ships in at least one carton.';
            return cartons[0].qty[0].focus();
          }
          const packed = cartons
            .map((c) => ({
              ...(c.sscc.value.trim() ? { sscc: c.sscc.value.trim() } : {}),
              lines: open
                .map((/** @type {any} */ l, /** @type {number} */ i) => ({
                  lineNumber: Number(l.lineNumber),
                  quantity: c.qty[i].value.trim(),
                }))
                .filter((x) => x.quantity !== '' && Number(x.quantity) > 0),
            }))
            .filter((c) => c.lines.length > 0);
          button.disabled = true;
          try {
            const answer = await api.post(`/api/v1/orders/${encodeURIComponent(order.id)}/shipments`, {
              lines,
              ...(carrier.value.trim() ? { carrier: carrier.value.trim() } : {}),
              ...(tracking.value.trim() ? { trackingNumber: tracking.value.trim() } : {}),
              cartons: packed,
            });
            const units = lines.reduce((n, l) => n + Number(l.quantity), 0);
            flash(
              `Shipment recorded: ${quantity(String(units))} units in ${packed.length} carton${packed.length === 1 ? '' : 's'}` +
                `${carrier.value.trim() ? ` by ${carrier.value.trim()}` : ''}. The order is now ${answer.status}` +
                `${order.channel === 'edi' ? '; the ship notice and invoice follow as the partner profile asks' : ''}.`,
            );
            reload();
          } catch (err) {
            error.textContent = errorText(err);
            button.disabled = false;
          }
        },
      },
      h('div', { class: 'row' }, field('Carrier', carrier), field('Tracking number', tracking)),
      h(
        'table',
        { class: 'grid compact ship' },
        h('caption', {}, 'What ships, per carton'),
        h('thead', {}, head),
        h('tbody', {}, rows, ssccRow),
      ),
      error,
      h('div', { class: 'actions' }, button, h('button', { type: 'button', onclick: addCarton }, 'Add a carton')),
    ),
  );
}

/**
 * @param {any[]} history
 * @param {Map<string, string | null>} resolved
 */
function timeline(history, resolved) {
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
        statusBadge(e.status),
        e.action && e.action !== e.status ? ` ${e.action}` : '',
        e.actor ? ` by ${actorName(e.actor, resolved)}` : '',
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
      { class: 'grid docs' },
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
      h('td', {}, deliveryBadge(d)),
      h('td', {}, dateTime(d.createdAt)),
      h('td', {}, d.controlNumber ?? ''),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'cell-actions' },
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
    ),
    viewer,
  ];
}
