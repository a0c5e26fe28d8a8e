// @ts-check
// Phone order entry: customer, ship-to, lines with live prices and stock, then place the order.
import { api, errorText } from '../api.js';
import { combobox } from '../combobox.js';
import { debounce, field, h, mount, select } from '../dom.js';
import { money, PRIORITIES, quantity } from '../format.js';
import { describeCustomer, describeProduct, searchCustomers, searchProducts } from '../lookups.js';
import { appliedRuleItem } from '../price-rules.js';

export async function render(main) {
  /** @type {{ product: any, quantity: string, uom: string, quote?: any, problems: any[] }[]} */
  const lines = [];
  let customer = null;
  let orderProblems = [];

  const customerPicker = combobox({
    label: 'Customer',
    search: searchCustomers,
    describe: describeCustomer,
    placeholder: 'Name or code',
    onPick: (c) => {
      customer = c;
      showCustomer();
      refresh();
    },
  });
  const creditNote = h('p', { class: 'warning', role: 'status' });
  const shipTo = select([], { disabled: true });
  const poNumber = h('input', { type: 'text', autocomplete: 'off' });
  const priority = select(PRIORITIES);
  const notes = h('textarea', { rows: 2 });

  let product = null;
  const productPicker = combobox({
    label: 'Product',
    search: searchProducts,
    describe: describeProduct,
    display: (p) => `${p.sku} — ${p.description}`,
    placeholder: 'SKU, description or GTIN',
    onPick: (p) => {
      product = p;
      fillUnits(p);
    },
  });
  const qty = h('input', { type: 'text', inputmode: 'decimal', size: 6, autocomplete: 'off' });
  // The product's units: its base unit and every conversion (a case of 12, a pallet of 480).
  const unit = select([], { disabled: true });
  function fillUnits(/** @type {any} */ p) {
    mount(unit, ...unitsOf(p).map((u) => h('option', { value: u.uom }, u.label)));
    unit.disabled = !p;
  }
  const addError = h('p', { class: 'error', role: 'alert' });
  const linesBody = h('tbody');
  const total = h('p', { class: 'total' });
  const orderProblemsBox = h('div', { role: 'alert' });
  const submitError = h('p', { class: 'error', role: 'alert' });
  const result = h('div', { class: 'result', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Place order');

  function showCustomer() {
    creditNote.textContent = customer?.creditHold ? `${customer.name} is on credit hold: the order will go to review.` : '';
    const tos = customer?.shipTos ?? [];
    mount(
      shipTo,
      tos.length
        ? tos.map((s) => h('option', { value: s.code, selected: s.isDefault }, `${s.code} — ${s.name}${s.city ? `, ${s.city}` : ''}`))
        : h('option', { value: '' }, customer ? 'No ship-to on file' : 'Pick a customer first'),
    );
    shipTo.disabled = tos.length === 0;
  }
  showCustomer();

  function addLine() {
    addError.textContent = '';
    if (!product) {
      addError.textContent = 'Pick a product from the list first.';
      return productPicker.focus();
    }
    if (!/^\d+(\.\d+)?$/.test(qty.value.trim()) || Number(qty.value) <= 0) {
      addError.textContent = 'Enter a quantity greater than zero.';
      return qty.focus();
    }
    lines.push({ product, quantity: qty.value.trim(), uom: unit.value || product.uom, problems: [] });
    product = null;
    productPicker.set(null);
    fillUnits(null);
    qty.value = '';
    drawLines();
    refresh();
    productPicker.focus();
  }
  qty.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addLine();
    }
  });

  function drawLines() {
    mount(
      linesBody,
      lines.length === 0 ? h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No lines yet.')) : null,
      lines.map((line, i) => lineRow(line, i)),
    );
    const sum = lines.reduce((acc, l) => (l.quote?.unitPrice ? acc + cents(l.quote.unitPrice, l.quantity) : acc), 0);
    total.textContent = lines.length ? `Estimated total ${money((sum / 100).toFixed(2))}` : '';
  }

  function lineRow(line, i) {
    const n = i + 1;
    const lineQty = h('input', { type: 'text', inputmode: 'decimal', size: 6, value: line.quantity, 'aria-label': `Quantity, line ${n}` });
    lineQty.addEventListener('change', () => {
      line.quantity = lineQty.value.trim();
      refresh();
    });
    const problemId = `line-${n}-problems`;
    if (line.problems.length) lineQty.setAttribute('aria-describedby', problemId);
    return h(
      'tr',
      { class: line.problems.length ? 'flagged' : null },
      h('th', { scope: 'row' }, n),
      h(
        'td',
        {},
        h('code', {}, line.product.sku),
        ' ',
        line.product.description,
        line.problems.length
          ? h(
              'ul',
              { class: 'line-problem', id: problemId },
              line.problems.map((p) => h('li', {}, p.message, ' ', h('code', {}, p.code))),
            )
          : null,
      ),
      h('td', {}, lineQty, ' ', unitLabel(line.product, line.uom)),
      priceCells(line, n),
      h(
        'td',
        {},
        h(
          'button',
          { type: 'button', class: 'quiet', 'aria-label': `Remove line ${n}`, onclick: () => (lines.splice(i, 1), drawLines(), refresh()) },
          'Remove',
        ),
      ),
    );
  }

  let seq = 0;
  const refresh = debounce(async () => {
    const mine = ++seq;
    if (!customer || lines.length === 0) {
      lines.forEach((l) => ((l.quote = undefined), (l.problems = [])));
      orderProblems = [];
      return (drawLines(), drawOrderProblems());
    }
    const body = orderBody();
    const [quote, validation] = await Promise.all([
      api.post('/api/v1/pricing/quote', { customerId: customer.id, channel: 'phone', lines: body.lines }).catch((e) => ({ error: e })),
      api.post('/api/v1/phone-orders/validate', body).catch((e) => ({ error: e })),
    ]);
    if (mine !== seq) return;
    lines.forEach((l, i) => {
      l.quote = quote.lines?.[i];
      l.problems = (validation.problems ?? []).filter((p) => Number(p.lineNumber) === i + 1);
    });
    orderProblems = (validation.problems ?? []).filter((p) => p.lineNumber === undefined || p.lineNumber === null);
    if (quote.error) orderProblems.push({ code: quote.error.code, message: `Prices unavailable: ${quote.error.message}` });
    if (validation.error)
      orderProblems.push({ code: validation.error.code, message: `Could not check the order: ${validation.error.message}` });
    drawLines();
    drawOrderProblems();
  }, 250);

  function drawOrderProblems() {
    mount(
      orderProblemsBox,
      orderProblems.length
        ? h(
            'ul',
            { class: 'problems' },
            orderProblems.map((p) => h('li', {}, p.message, ' ', h('code', {}, p.code))),
          )
        : null,
    );
  }

  function orderBody() {
    return {
      customerId: customer?.id,
      poNumber: poNumber.value.trim() || undefined,
      shipToCode: shipTo.value || undefined,
      lines: lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, uom: l.uom })),
      notes: notes.value.trim() || undefined,
      priority: priority.value,
    };
  }

  async function place(event) {
    event.preventDefault();
    submitError.textContent = '';
    if (!customer) return ((submitError.textContent = 'Pick the customer first.'), customerPicker.focus());
    if (lines.length === 0) return ((submitError.textContent = 'Add at least one line.'), productPicker.focus());
    submit.disabled = true;
    try {
      const answer = await api.post('/api/v1/phone-orders', orderBody());
      mount(
        result,
        answer.orderId
          ? h(
              'p',
              { class: 'note success' },
              'Order ',
              h('a', { href: `/orders/${encodeURIComponent(answer.orderId)}` }, answer.number ?? answer.orderId),
              ' created.',
            )
          : h(
              'p',
              { class: 'note warning' },
              'The order went to review: ',
              h('a', { href: `/exceptions/${encodeURIComponent(answer.exceptionId)}` }, 'open the exception'),
              '.',
            ),
        h('button', { type: 'button', onclick: () => void render(main) }, 'New order'),
      );
      form.hidden = true;
      result.querySelector('a')?.focus();
    } catch (e) {
      submitError.textContent = errorText(e);
      for (const p of e.details?.problems ?? []) {
        const line = lines[Number(p.lineNumber) - 1];
        if (line) line.problems.push(p);
      }
      drawLines();
    } finally {
      submit.disabled = false;
    }
  }

  const form = h(
    'form',
    { class: 'phone', 'aria-label': 'Phone order', onsubmit: (e) => void place(e) },
    h(
      'div',
      { class: 'row' },
      customerPicker.root,
      field('Ship-to', shipTo),
      field('PO number', poNumber, "Optional: the caller's reference"),
      field('Priority', priority),
    ),
    creditNote,
    h(
      'fieldset',
      { class: 'add-line' },
      h('legend', {}, 'Add a line'),
      h(
        'div',
        { class: 'row' },
        productPicker.root,
        field('Quantity', qty, 'Enter adds the line'),
        field('Unit', unit),
        h('button', { type: 'button', onclick: addLine }, 'Add line'),
      ),
      addError,
    ),
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
          ['#', 'Product', 'Quantity', 'Unit price', 'Price rules', 'Available', 'Amount', ''].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      linesBody,
    ),
    total,
    orderProblemsBox,
    field('Notes', notes),
    submitError,
    submit,
  );
  mount(main, h('h1', {}, 'Phone order'), form, result);
  drawLines();
  customerPicker.focus();
}

/** Unit price, rules, stock and amount from the live quote; a line the quote refused says why instead. */
function priceCells(line, n) {
  const q = line.quote;
  if (!q) return [h('td', { class: 'num' }, '…'), h('td'), h('td'), h('td')];
  if (q.error) return [h('td', { colspan: 4, class: 'line-problem' }, q.error.message, ' ', h('code', {}, q.error.code))];
  return [
    h(
      'td',
      { class: 'num' },
      h('span', { class: 'price', 'aria-label': `Unit price, line ${n}` }, money(q.unitPrice)),
      q.listPrice !== q.unitPrice ? h('div', { class: 'muted strike' }, `list ${money(q.listPrice)}`) : null,
    ),
    h('td', {}, rules(q.applied)),
    h('td', { class: 'num' }, quantity(q.available), stockWarning(line, q)),
    h('td', { class: 'num' }, money((cents(q.unitPrice, line.quantity) / 100).toFixed(2))),
  ];
}

/**
 * The product's units, base first: "EA", "CS (12 EA)".
 * @param {any} p
 * @returns {Array<{ uom: string, label: string, factor: number }>}
 */
function unitsOf(p) {
  if (!p) return [];
  return [
    { uom: p.uom, label: p.uom, factor: 1 },
    ...(p.conversions ?? []).map((/** @type {any} */ c) => ({
      uom: c.uom,
      label: `${c.uom} (${quantity(c.factor)} ${p.uom})`,
      factor: Number(c.factor),
    })),
  ];
}

/** @param {any} p @param {string} uom */
function unitLabel(p, uom) {
  return unitsOf(p).find((u) => u.uom === uom)?.label ?? uom;
}

/**
 * Short stock, said before the order is placed: how many are missing and when more is expected (the product's
 * lead time from today), or that nobody knows.
 * @param {{ product: any, quantity: string, uom: string }} line
 * @param {{ available?: string }} q
 */
function stockWarning(line, q) {
  const factor = unitsOf(line.product).find((u) => u.uom === line.uom)?.factor ?? 1;
  const wanted = Number(line.quantity) * factor;
  const available = Number(q.available ?? 0);
  if (!(wanted > available)) return null;
  const short = wanted - available;
  const days = Number(line.product.leadTimeDays ?? 0);
  const expected = days > 0 ? new Date(Date.now() + days * 86_400_000).toLocaleDateString(undefined, { dateStyle: 'medium' }) : null;
  return h(
    'div',
    { class: 'stock-warning' },
    available <= 0 ? 'Out of stock' : `Short by ${quantity(String(short))} ${line.product.uom}`,
    expected ? `: more expected by ${expected} (lead time ${days} d).` : ': no expected date on file.',
  );
}

function rules(applied) {
  if (!applied?.length) return h('span', { class: 'muted' }, 'list price');
  return h(
    'ul',
    { class: 'rules' },
    applied.map((a) => appliedRuleItem(a)),
  );
}

/** Whole cents of price × quantity, computed on integers so no float drift reaches the total. */
function cents(price, qty) {
  const scale = (s) => {
    const [w, f = ''] = String(s).split('.');
    return { n: BigInt(w + f), d: f.length };
  };
  const p = scale(price);
  const q = scale(qty);
  const digits = p.d + q.d;
  const raw = p.n * q.n; // value × 10^digits
  const divisor = 10n ** BigInt(Math.max(0, digits - 2));
  return Number(digits >= 2 ? (raw + divisor / 2n) / divisor : raw * 10n ** BigInt(2 - digits));
}
