// @ts-check
// One exception: the source beside the extracted purchase order, corrections, and approve or reject.
import { api, ApiError, errorText } from '../api.js';
import { combobox } from '../combobox.js';
import { field, h, mount, nextId } from '../dom.js';
import { CHANNEL_LABELS, dateTime } from '../format.js';
import { describeCustomer, describeProduct, searchCustomers, searchProducts } from '../lookups.js';
import { renderRawDocument } from '../source-view.js';

const PART_QUALIFIERS = ['BP', 'IN'];

export async function render(main, { id }, ctx) {
  const x = await api.get(`/api/v1/exceptions/${encodeURIComponent(id)}`);
  const po = x.purchaseOrder ?? {};
  const open = x.status === 'open';
  const customer = po.buyer?.customerId
    ? await api.get(`/api/v1/customers/${encodeURIComponent(po.buyer.customerId)}`).catch(() => null)
    : null;

  const sourceBox = h('div', { class: 'source' });
  const form = correctionForm(x, po, customer, ctx);
  mount(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '/exceptions' }, '← Exceptions queue')),
    h('h1', {}, `Exception: PO ${po.poNumber || '(none)'}`),
    h(
      'p',
      { class: 'subtitle' },
      `${CHANNEL_LABELS[x.channel] ?? x.channel} · received ${dateTime(x.createdAt)} · status ${x.status} · version ${x.version}`,
    ),
    h(
      'section',
      { class: 'reasons-box', 'aria-labelledby': 'reasons-h' },
      h('h2', { id: 'reasons-h' }, 'Why it stopped'),
      reasonList(x.reasons),
    ),
    h(
      'div',
      { class: 'split' },
      h('section', { 'aria-labelledby': 'source-h' }, h('h2', { id: 'source-h' }, 'Source'), sourceBox),
      h('section', { 'aria-labelledby': 'po-h' }, h('h2', { id: 'po-h' }, 'Extracted purchase order'), form),
    ),
    history(x.history),
  );
  if (!open)
    for (const el of form.querySelectorAll('input, button, select, textarea')) /** @type {HTMLInputElement} */ (el).disabled = true;
  return x.rawDocumentId ? renderRawDocument(sourceBox, x.rawDocumentId) : mount(sourceBox, h('p', {}, 'No source document.'));
}

function reasonList(reasons) {
  return h(
    'ul',
    { class: 'reasons' },
    (reasons ?? []).map((r) =>
      h(
        'li',
        {},
        h('code', {}, r.code),
        ' ',
        r.message,
        r.lineNumber !== undefined && r.lineNumber !== null ? ` (line ${r.lineNumber})` : '',
      ),
    ),
  );
}

function correctionForm(x, po, customer, { navigate, flash }) {
  let pickedCustomer = null;
  const customerPicker = combobox({
    label: 'Customer',
    search: searchCustomers,
    describe: describeCustomer,
    onPick: (c) => {
      pickedCustomer = c;
      fillShipTos(c);
    },
    hint: customer
      ? `Currently ${customer.name} (${customer.code}); pick another to change it.`
      : `Sender ${po.buyer?.email || po.source?.sender || 'unknown'} is not a known customer: pick one.`,
  });
  if (customer) customerPicker.set(customer);

  const poNumber = h('input', { type: 'text', value: po.poNumber ?? '' });
  const shipToList = h('datalist', { id: nextId('shipto') });
  const shipTo = h('input', { type: 'text', value: po.shipTo?.code ?? '', list: shipToList.id, autocomplete: 'off' });
  const fillShipTos = (c) =>
    shipToList.replaceChildren(...(c?.shipTos ?? []).map((s) => h('option', { value: s.code }, `${s.code} — ${s.name}`)));
  fillShipTos(customer);

  const lineRows = (po.lines ?? []).map((line, i) => lineEditor(line, i + 1, x.reasons, () => pickedCustomer ?? customer));
  const rejectReason = h('input', { type: 'text', placeholder: 'e.g. duplicate of PO 4500012345' });
  const error = h('p', { class: 'error', role: 'alert' });
  const busy = (on) => form.querySelectorAll('button').forEach((b) => (b.disabled = on));

  async function resolve(body) {
    error.textContent = '';
    busy(true);
    try {
      const result = await api.post(`/api/v1/exceptions/${encodeURIComponent(x.id)}/resolve`, { ...body, version: x.version });
      if (result.status === 'approved') {
        flash('Exception approved: the sales order was created.');
        navigate(`/orders/${encodeURIComponent(result.orderId)}`, { keepFlash: true });
      } else if (result.status === 'rejected') {
        flash('Exception rejected.');
        navigate('/exceptions', { keepFlash: true });
      } else {
        flash(`Still flagged: ${(result.reasons ?? []).map((r) => r.code).join(', ')}. The corrections were saved.`, 'error');
        navigate(location.pathname, { replace: true, keepFlash: true });
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'EXCEPTION.VERSION_CONFLICT') {
        flash('Someone else changed this exception while you were looking at it. It has been reloaded: check it and try again.', 'error');
        navigate(location.pathname, { replace: true, keepFlash: true });
        return;
      }
      error.textContent = errorText(e);
      busy(false);
    }
  }

  function corrections() {
    const c = {};
    if (pickedCustomer && pickedCustomer.id !== customer?.id) c.customerId = pickedCustomer.id;
    if (poNumber.value.trim() !== (po.poNumber ?? '')) c.poNumber = poNumber.value.trim();
    if (shipTo.value.trim() !== (po.shipTo?.code ?? '')) c.shipToCode = shipTo.value.trim();
    const lines = lineRows.map((r) => r.correction()).filter(Boolean);
    if (lines.length) c.lines = lines;
    return c;
  }

  const ship = po.shipTo;
  const form = h(
    'form',
    {
      class: 'corrections',
      'aria-label': 'Corrections',
      onsubmit: (e) => (e.preventDefault(), void resolve({ action: 'approve', corrections: corrections() })),
    },
    customerPicker.root,
    h(
      'div',
      { class: 'row' },
      field('PO number', poNumber),
      field(
        'Ship-to code',
        shipTo,
        ship ? [ship.name, ship.address1, ship.city, ship.region, ship.postalCode].filter(Boolean).join(', ') : null,
      ),
      shipToList,
    ),
    po.poDate
      ? h('p', { class: 'muted' }, `PO date ${po.poDate} · currency ${po.currency ?? 'USD'} · priority ${po.priority ?? 'normal'}`)
      : null,
    h(
      'table',
      { class: 'grid lines' },
      h('caption', {}, 'Lines'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Line', 'Item', 'Quantity', 'Unit price', 'Map to product'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        lineRows.map((r) => r.row),
      ),
    ),
    (po.notes ?? []).length ? h('p', {}, h('strong', {}, 'Notes: '), po.notes.join(' / ')) : null,
    error,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Approve'),
      h(
        'span',
        { class: 'reject' },
        field('Reject reason', rejectReason),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: () => {
              if (!rejectReason.value.trim()) {
                error.textContent = 'Say why the order is rejected.';
                return rejectReason.focus();
              }
              void resolve({ action: 'reject', reason: rejectReason.value.trim() });
            },
          },
          'Reject',
        ),
      ),
    ),
  );
  return form;
}

/** `n` is our 1-based line position (what reasons and corrections name); the buyer's own line id is shown beside it. */
function lineEditor(line, n, reasons, currentCustomer) {
  const problems = (reasons ?? []).filter((r) => Number(r.lineNumber) === n);
  const qty = h('input', { type: 'text', inputmode: 'decimal', value: line.quantity ?? '', 'aria-label': `Quantity, line ${n}`, size: 6 });
  const price = h('input', {
    type: 'text',
    inputmode: 'decimal',
    value: line.unitPrice ?? '',
    'aria-label': `Unit price, line ${n}`,
    size: 8,
  });
  const partId = (line.productIds ?? []).find((p) => PART_QUALIFIERS.includes(p.qualifier));
  let mapped = null;
  const remember = h('input', { type: 'checkbox', id: nextId('remember') });
  const product = combobox({
    label: `Product for line ${n}`,
    search: searchProducts,
    describe: describeProduct,
    display: (p) => p.sku,
    onPick: (p) => (mapped = p),
  });
  const row = h(
    'tr',
    { class: problems.length ? 'flagged' : null },
    h(
      'th',
      { scope: 'row' },
      n,
      line.lineNumber && line.lineNumber !== String(n) ? h('div', { class: 'muted' }, `buyer ${line.lineNumber}`) : null,
    ),
    h(
      'td',
      {},
      h(
        'div',
        {},
        (line.productIds ?? []).map((p) => h('code', { class: 'pid' }, `${p.qualifier} ${p.value}`)),
      ),
      line.description ? h('div', { class: 'muted' }, line.description) : null,
      problems.map((p) => h('div', { class: 'line-problem' }, h('code', {}, p.code), ' ', p.message)),
    ),
    h('td', {}, qty, ' ', line.uom ?? ''),
    h('td', {}, price),
    h(
      'td',
      {},
      product.root,
      partId
        ? h(
            'div',
            { class: 'check' },
            remember,
            h('label', { for: remember.id }, `Remember ${partId.value} as this customer's part number`),
          )
        : null,
    ),
  );
  return {
    row,
    correction() {
      const c = { lineNumber: n };
      if (qty.value.trim() !== (line.quantity ?? '')) c.quantity = qty.value.trim();
      if (price.value.trim() !== (line.unitPrice ?? '')) c.unitPrice = price.value.trim();
      if (mapped) {
        c.sku = mapped.sku;
        if (remember.checked && currentCustomer()) c.rememberPartNumber = true;
      }
      return Object.keys(c).length > 1 ? c : null;
    },
  };
}

function history(entries) {
  if (!entries?.length) return null;
  return h(
    'section',
    { 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, 'History'),
    h(
      'ol',
      { class: 'timeline' },
      entries.map((e) =>
        h(
          'li',
          {},
          h('time', { datetime: e.at }, dateTime(e.at)),
          ' ',
          h('strong', {}, e.action),
          ` by ${e.actor}`,
          e.note ? ` — ${e.note}` : '',
        ),
      ),
    ),
  );
}
