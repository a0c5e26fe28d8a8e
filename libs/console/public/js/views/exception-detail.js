// @ts-check
// One exception, worked fast: the source beside the extracted purchase order (the place each value came from
// highlighted while its field has focus), corrections, approve or reject, and the keyboard for all of it.
import { api, ApiError, errorText, withQuery } from '../api.js';
import { combobox } from '../combobox.js';
import { field, h, mount, nextId } from '../dom.js';
import { channelClass, CHANNEL_LABELS, dateTime } from '../format.js';
import { currentClaims, onLive } from '../live.js';
import { describeCustomer, describeProduct, searchCustomers, searchProducts } from '../lookups.js';
import { actorName, names } from '../names.js';
import { renderSource } from '../source-highlight.js';

const PART_QUALIFIERS = ['BP', 'IN'];
const HEARTBEAT_MS = 30_000;
/** Problems that mean the line's product was not found: everything else matched one. */
const UNMATCHED = ['PRODUCT.UNKNOWN', 'PRODUCT.AMBIGUOUS'];
/** Which field a problem points at, for "focus the first problem". */
const PROBLEM_FIELD = /** @type {Record<string, string>} */ ({
  'CUSTOMER.UNKNOWN': 'customer',
  'CUSTOMER.CREDIT_HOLD': 'customer',
  'SHIPTO.MISSING': 'shipTo',
  'SHIPTO.UNKNOWN': 'shipTo',
  'ORDER.DUPLICATE_PO': 'poNumber',
  'PRODUCT.UNKNOWN': 'sku',
  'PRODUCT.AMBIGUOUS': 'sku',
  'PRODUCT.DISCONTINUED': 'sku',
  'UOM.UNCONVERTIBLE': 'quantity',
  'LINE.QUANTITY_NOT_POSITIVE': 'quantity',
  'PRICE.MISMATCH': 'unitPrice',
  'EXTRACTION.UNKNOWN_ITEM': 'sku',
  'EXTRACTION.LOW_CONFIDENCE': 'poNumber',
});

/**
 * @param {HTMLElement} main
 * @param {{ id: string }} params
 * @param {{ user: any, navigate: (path: string, o?: { replace?: boolean, keepFlash?: boolean }) => void, flash: (t: string, k?: string) => void }} ctx
 */
export async function render(main, { id }, ctx) {
  const x = await api.get(`/api/v1/exceptions/${encodeURIComponent(id)}`);
  const po = x.purchaseOrder ?? {};
  const open = x.status === 'open';
  const customerId = x.customerId ?? po.buyer?.customerId;
  const [customer, queue, resolved, partNumbers] = await Promise.all([
    customerId ? api.get(`/api/v1/customers/${encodeURIComponent(customerId)}`).catch(() => null) : null,
    api.get(withQuery('/api/v1/exceptions', { status: 'open', limit: 500 })).catch(() => ({ items: [] })),
    names([
      x.channel === 'edi' && x.sender ? `partner:${x.sender}` : null,
      x.channel === 'phone' && x.sender ? `user:${x.sender}` : null,
      ...(x.history ?? []).map((/** @type {any} */ e) => e.actor),
    ]),
    customerId
      ? api
          .get(withQuery(`/api/v1/customers/${encodeURIComponent(customerId)}/part-numbers`, { limit: 500 }))
          .then((p) => p.items)
          .catch(() => [])
      : [],
  ]);
  // Oldest first, as the queue shows them: "next" is the one that has waited longest after this one.
  const order = [...queue.items].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((e) => e.id);
  const here = order.indexOf(x.id);
  const neighbour = (/** @type {number} */ step) => (here < 0 ? order[0] : order[here + step]);

  const sender = senderText(x, resolved);
  const claimBox = h('p', { class: 'claim', role: 'status' });
  const sourceBox = h('div', { class: 'source' });
  const form = correctionForm(x, po, customer, partNumbers, ctx);

  const go = (/** @type {string | undefined} */ next) => next && ctx.navigate(`/exceptions/${encodeURIComponent(next)}`);
  const prevId = neighbour(-1);
  const nextId_ = neighbour(1);
  mount(
    main,
    h(
      'nav',
      { class: 'crumbs row', 'aria-label': 'Exceptions' },
      h('a', { href: '/exceptions' }, '← Exceptions queue'),
      h('span', { class: 'muted' }, here >= 0 ? `${here + 1} of ${order.length} open` : ''),
      prevId ? h('a', { href: `/exceptions/${encodeURIComponent(prevId)}`, rel: 'prev' }, 'Previous (Alt+P)') : null,
      nextId_ ? h('a', { href: `/exceptions/${encodeURIComponent(nextId_)}`, rel: 'next' }, 'Next (Alt+N)') : null,
    ),
    h('h1', {}, `Exception: PO ${po.poNumber || '(none)'}`),
    h(
      'p',
      { class: 'subtitle' },
      h('span', { class: `channel ${channelClass(x.channel)}` }, CHANNEL_LABELS[x.channel] ?? x.channel),
      ` · from ${sender} · received ${dateTime(x.createdAt)} · ${x.status} · version ${x.version}`,
    ),
    claimBox,
    h(
      'section',
      { class: 'reasons-box', 'aria-labelledby': 'reasons-h' },
      h('h2', { id: 'reasons-h' }, 'Why it stopped'),
      reasonList(x.reasons, form),
    ),
    h(
      'div',
      { class: 'split' },
      h('section', { class: 'source-pane', 'aria-labelledby': 'source-h' }, h('h2', { id: 'source-h' }, 'Source'), sourceBox),
      h('section', { 'aria-labelledby': 'po-h' }, h('h2', { id: 'po-h' }, 'Extracted purchase order'), form),
    ),
    history(x.history, resolved),
    h(
      'details',
      { class: 'keys' },
      h('summary', {}, 'Keyboard'),
      h(
        'ul',
        {},
        [
          ['Alt+N', 'next exception'],
          ['Alt+P', 'previous exception'],
          ['Alt+F', 'focus the first problem'],
          ['Alt+A', 'approve'],
          ['Alt+R', 'reject (asks for the reason first)'],
        ].map(([k, what]) => h('li', {}, h('kbd', {}, k), ` ${what}`)),
      ),
    ),
  );
  main.classList.add('wide');
  if (!open)
    for (const el of form.querySelectorAll('input, button, select, textarea')) /** @type {HTMLInputElement} */ (el).disabled = true;

  // The keyboard works as soon as the page shows, before the source has loaded.
  function onKey(/** @type {KeyboardEvent} */ event) {
    // A page left before it finished loading never returned its cleanup: the listener removes itself.
    if (!form.isConnected) return document.removeEventListener('keydown', onKey);
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const act = /** @type {Record<string, () => void>} */ ({
      KeyN: () => go(nextId_),
      KeyP: () => go(prevId),
      KeyF: () => focusFirstProblem(form, x.reasons),
      KeyA: () => form.requestSubmit(),
      KeyR: () => /** @type {HTMLButtonElement} */ (form.querySelector('button.danger'))?.click(),
    })[event.code];
    if (!act) return;
    event.preventDefault();
    act();
  }
  document.addEventListener('keydown', onKey);

  // Who else is working on it: claim it while the page is open, and show someone else's claim.
  const showClaim = (/** @type {import('../live.js').Claim[]} */ claims) => {
    const other = claims.find((c) => c.exceptionId === x.id && c.userId !== ctx.user.id);
    claimBox.textContent = other ? `${other.name} is working on this exception (since ${dateTime(other.since)}).` : '';
    claimBox.classList.toggle('taken', Boolean(other));
  };
  const claim = () =>
    open
      ? api.post(`/api/v1/exceptions/${encodeURIComponent(x.id)}/claim`).then(
          (c) => !c.mine && showClaim([c]),
          () => undefined,
        )
      : Promise.resolve();
  await claim();
  const heartbeat = setInterval(() => void claim(), HEARTBEAT_MS);
  // Closing the tab or reloading lets go of the exception at once (keepalive outlives the page).
  const release = () => void api.del(`/api/v1/exceptions/${encodeURIComponent(x.id)}/claim`, { keepalive: true }).catch(() => undefined);
  if (open) window.addEventListener('pagehide', release);
  const offLive = onLive((e) => e.type === 'claims' && showClaim(e.data));
  if (currentClaims().length) showClaim(currentClaims());

  const source = x.rawDocumentId
    ? await renderSource(sourceBox, x)
    : (mount(sourceBox, h('p', {}, 'No source document.')), { highlight: () => false, cleanup: () => undefined });
  const focusNote = h('p', { class: 'muted focus-note', 'aria-live': 'polite' });
  sourceBox.prepend(focusNote);
  form.addEventListener('focusin', (event) => {
    const path = /** @type {HTMLElement} */ (event.target).closest('[data-field]')?.getAttribute('data-field') ?? null;
    const found = source.highlight(path);
    focusNote.textContent = path && !found ? 'The source does not say where this value was read.' : '';
  });
  if (open) focusFirstProblem(form, x.reasons);

  return () => {
    clearInterval(heartbeat);
    offLive();
    document.removeEventListener('keydown', onKey);
    main.classList.remove('wide');
    source.cleanup();
    window.removeEventListener('pagehide', release);
    if (open) release();
  };
}

/**
 * Who sent it, by name: the partner's name for EDI, the sender address otherwise; never an id.
 * @param {any} x
 * @param {Map<string, string | null>} resolved
 */
function senderText(x, resolved) {
  if (x.channel === 'edi') return resolved.get(`partner:${x.sender}`) ?? 'an unknown EDI partner';
  if (x.channel === 'phone') return `a phone call taken by ${resolved.get(`user:${x.sender}`) ?? x.sender ?? 'an operator'}`;
  return x.sender || 'unknown';
}

/**
 * @param {HTMLFormElement} form
 * @param {any[]} reasons
 */
function focusFirstProblem(form, reasons) {
  for (const r of reasons ?? []) {
    const kind = PROBLEM_FIELD[r.code];
    if (!kind) continue;
    const selector =
      r.lineNumber !== undefined && r.lineNumber !== null
        ? `[data-field="lines[${Number(r.lineNumber) - 1}].${kind}"]`
        : `[data-field="${kind}"], [data-field$=".${kind}"]`;
    const target = /** @type {HTMLElement | null} */ (
      form.querySelector(
        selector
          .split(', ')
          .map((one) => `${one} input, input${one}`)
          .join(', '),
      )
    );
    if (target) return target.focus();
  }
  /** @type {HTMLElement | null} */ (form.querySelector('input:not([disabled])'))?.focus();
}

/**
 * @param {any[]} reasons
 * @param {HTMLFormElement} form
 */
function reasonList(reasons, form) {
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
        PROBLEM_FIELD[r.code]
          ? [
              ' ',
              h(
                'button',
                { type: 'button', class: 'quiet link', onclick: () => focusFirstProblem(form, [r]) },
                'Go to field',
                h('span', { class: 'sr-only' }, ` for ${r.code}`),
              ),
            ]
          : null,
      ),
    ),
  );
}

/**
 * @param {any} x
 * @param {any} po
 * @param {any} customer
 * @param {any[]} partNumbers
 * @param {{ navigate: Function, flash: Function }} ctx
 */
function correctionForm(x, po, customer, partNumbers, { navigate, flash }) {
  let pickedCustomer = null;
  const unknownHint =
    x.channel === 'phone'
      ? 'The customer on the call is not on file: pick one.'
      : `Sender ${po.buyer?.email || (x.channel === 'edi' ? 'the EDI partner' : x.sender) || 'unknown'} is not a known customer: pick one.`;
  const customerPicker = combobox({
    label: 'Customer',
    search: searchCustomers,
    describe: describeCustomer,
    onPick: (c) => {
      pickedCustomer = c;
      fillShipTos(c);
    },
    hint: customer ? `Currently ${customer.name} (${customer.code}); pick another to change it.` : unknownHint,
  });
  customerPicker.root.dataset.field = 'customer';
  if (customer) customerPicker.set(customer);

  const poNumber = h('input', { type: 'text', value: po.poNumber ?? '', dataset: { field: 'poNumber' } });
  const shipToList = h('datalist', { id: nextId('shipto') });
  const shipTo = h('input', {
    type: 'text',
    value: po.shipTo?.code ?? '',
    list: shipToList.id,
    autocomplete: 'off',
    dataset: { field: 'shipTo' },
  });
  const fillShipTos = (/** @type {any} */ c) =>
    shipToList.replaceChildren(
      ...(c?.shipTos ?? []).map((/** @type {any} */ s) => h('option', { value: s.code }, `${s.code} — ${s.name}`)),
    );
  fillShipTos(customer);

  const lineRows = (po.lines ?? []).map((/** @type {any} */ line, /** @type {number} */ i) =>
    lineEditor(line, i + 1, x.reasons, partNumbers, () => pickedCustomer ?? customer),
  );
  const rejectReason = h('input', { type: 'text', placeholder: 'e.g. duplicate of PO 4500012345' });
  const error = h('p', { class: 'error', role: 'alert' });
  const busy = (/** @type {boolean} */ on) => form.querySelectorAll('button').forEach((b) => (b.disabled = on));

  async function resolve(/** @type {any} */ body) {
    error.textContent = '';
    busy(true);
    const changed = Object.keys(body.corrections ?? {}).length > 0;
    try {
      const result = await api.post(`/api/v1/exceptions/${encodeURIComponent(x.id)}/resolve`, { ...body, version: x.version });
      if (result.status === 'approved') {
        flash(
          changed
            ? 'Exception approved with your corrections: the sales order was created.'
            : 'Exception approved: the sales order was created.',
        );
        navigate(`/orders/${encodeURIComponent(result.orderId)}`, { keepFlash: true });
      } else if (result.status === 'rejected') {
        flash('Exception rejected.');
        navigate('/exceptions', { keepFlash: true });
      } else {
        const codes = (result.reasons ?? []).map((/** @type {any} */ r) => r.code).join(', ');
        flash(
          changed
            ? `Your corrections were saved, but the order is still flagged: ${codes}.`
            : `Nothing was changed, and the order is still flagged: ${codes}. Correct the flagged fields, then approve.`,
          'error',
        );
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
    /** @type {Record<string, unknown>} */
    const c = {};
    if (pickedCustomer && pickedCustomer.id !== customer?.id) c.customerId = pickedCustomer.id;
    if (poNumber.value.trim() !== (po.poNumber ?? '')) c.poNumber = poNumber.value.trim();
    if (shipTo.value.trim() !== (po.shipTo?.code ?? '')) c.shipToCode = shipTo.value.trim();
    const lines = lineRows.map((/** @type {any} */ r) => r.correction()).filter(Boolean);
    if (lines.length) c.lines = lines;
    return c;
  }

  const ship = po.shipTo;
  const form = h(
    'form',
    {
      class: 'corrections',
      'aria-label': 'Corrections',
      onsubmit: (/** @type {Event} */ e) => (e.preventDefault(), void resolve({ action: 'approve', corrections: corrections() })),
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
    po.poDate || po.orderDate
      ? h(
          'p',
          { class: 'muted', dataset: { field: 'orderDate' } },
          `PO date ${po.poDate ?? po.orderDate} · currency ${po.currency ?? 'USD'} · priority ${po.priority ?? 'normal'}`,
        )
      : null,
    h(
      'table',
      { class: 'grid lines corrections-lines' },
      h('caption', {}, 'Lines'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Line', 'Item and product', 'Quantity', 'Unit price'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        lineRows.map((/** @type {any} */ r) => r.row),
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

/**
 * `n` is our 1-based line position (what reasons and corrections name); the buyer's own line id is shown beside
 * it. A line whose product matched shows that product, pre-filled; the operator changes it only to re-map.
 * @param {any} line
 * @param {number} n
 * @param {any[]} reasons
 * @param {any[]} partNumbers
 * @param {() => any} currentCustomer
 */
function lineEditor(line, n, reasons, partNumbers, currentCustomer) {
  const path = `lines[${n - 1}]`;
  const problems = (reasons ?? []).filter((r) => Number(r.lineNumber) === n);
  const qty = h('input', {
    type: 'text',
    inputmode: 'decimal',
    value: line.quantity ?? '',
    'aria-label': `Quantity, line ${n}`,
    size: 6,
    dataset: { field: `${path}.quantity` },
  });
  const price = h('input', {
    type: 'text',
    inputmode: 'decimal',
    value: line.unitPrice ?? '',
    'aria-label': `Unit price, line ${n}`,
    size: 8,
    dataset: { field: `${path}.unitPrice` },
  });
  const partId = (line.productIds ?? []).find((/** @type {any} */ p) => PART_QUALIFIERS.includes(p.qualifier));
  let mapped = null;
  let matched = null;
  const remember = h('input', { type: 'checkbox', id: nextId('remember') });
  const matchNote = h('small', { class: 'hint' });
  const product = combobox({
    label: `Product for line ${n}`,
    search: searchProducts,
    describe: describeProduct,
    display: (p) => `${p.sku} — ${p.description}`,
    onPick: (p) => {
      mapped = p && p.sku !== matched?.sku ? p : null;
      matchNote.textContent = p && matched && p.sku === matched.sku ? matchNote.textContent : '';
    },
  });
  product.root.dataset.field = `${path}.sku`;
  if (!problems.some((p) => UNMATCHED.includes(p.code))) {
    void matchProduct(line, partNumbers).then((found) => {
      if (!found || mapped) return;
      matched = found.product;
      product.set(found.product);
      matchNote.textContent = `Matched by ${found.by}.`;
    });
  }
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
      { class: 'item' },
      h(
        'div',
        {},
        (line.productIds ?? []).map((/** @type {any} */ p) => h('code', { class: 'pid' }, `${p.qualifier} ${p.value}`)),
      ),
      line.description ? h('div', { class: 'muted' }, line.description) : null,
      problems.map((p) => h('div', { class: 'line-problem' }, h('code', {}, p.code), ' ', p.message)),
      product.root,
      matchNote,
      partId
        ? h(
            'div',
            { class: 'check' },
            remember,
            h('label', { for: remember.id }, `Remember ${partId.value} as this customer's part number`),
          )
        : null,
    ),
    h('td', { class: 'qty' }, qty, ' ', line.uom ?? ''),
    h('td', {}, price),
  );
  return {
    row,
    correction() {
      /** @type {Record<string, unknown>} */
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

/**
 * The product a line's identifiers name: the customer's part number, else our sku among the ids.
 * @param {any} line
 * @param {any[]} partNumbers
 * @returns {Promise<{ product: any, by: string } | null>}
 */
async function matchProduct(line, partNumbers) {
  const ids = line.sku ? [{ qualifier: 'SKU', value: line.sku }, ...(line.productIds ?? [])] : (line.productIds ?? []);
  for (const id of ids) {
    const part = partNumbers.find((p) => p.partNumber === id.value);
    const sku = part?.sku ?? id.value;
    const product = await api.get(`/api/v1/products/${encodeURIComponent(sku)}`, { quiet401: true }).catch(() => null);
    if (product) return { product, by: part ? `customer part number ${id.value}` : `${id.qualifier} ${id.value}` };
  }
  return null;
}

/**
 * @param {any[]} entries
 * @param {Map<string, string | null>} resolved
 */
function history(entries, resolved) {
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
          ` by ${actorName(e.actor, resolved)}`,
          e.note ? ` — ${e.note}` : '',
        ),
      ),
    ),
  );
}
