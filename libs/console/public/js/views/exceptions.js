// @ts-check
// Exceptions queue: open flagged purchase orders, oldest first, filtered by channel, reason, age and customer.
import { api, errorText, withQuery } from '../api.js';
import { combobox } from '../combobox.js';
import { field, h, mount, select } from '../dom.js';
import { age, CHANNEL_LABELS, CHANNELS, dateTime } from '../format.js';
import { describeCustomer, searchCustomers } from '../lookups.js';

const PAGE = 50;
// The hub's public problem codes (order-core's ORDER_PROBLEM_CODES).
const KNOWN_REASONS = [
  'CUSTOMER.UNKNOWN',
  'CUSTOMER.CREDIT_HOLD',
  'PRODUCT.UNKNOWN',
  'PRODUCT.AMBIGUOUS',
  'PRODUCT.DISCONTINUED',
  'UOM.UNCONVERTIBLE',
  'LINE.QUANTITY_NOT_POSITIVE',
  'SHIPTO.MISSING',
  'SHIPTO.UNKNOWN',
  'DATE.REQUESTED_IN_PAST',
  'DATE.CANCEL_AFTER_PASSED',
  'PRICE.MISMATCH',
  'ORDER.DUPLICATE_PO',
  'EXTRACTION.LOW_CONFIDENCE',
  'ORDER.TEST',
];

export async function render(main, _params, { navigate, query }) {
  const filters = {
    channel: query.get('channel') ?? '',
    reason: query.get('reason') ?? '',
    minAgeHours: query.get('minAgeHours') ?? '',
    customerId: query.get('customerId') ?? '',
    offset: Number(query.get('offset') ?? 0),
  };

  const channel = select([
    { value: '', label: 'All channels' },
    ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], selected: c === filters.channel })),
  ]);
  const reason = select([
    { value: '', label: 'All reasons' },
    ...KNOWN_REASONS.map((r) => ({ value: r, label: r, selected: r === filters.reason })),
  ]);
  if (filters.reason && !KNOWN_REASONS.includes(filters.reason))
    reason.append(h('option', { value: filters.reason, selected: true }, filters.reason));
  const minAge = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', value: filters.minAgeHours });
  const customer = combobox({
    label: 'Customer',
    search: searchCustomers,
    describe: describeCustomer,
    onPick: (c) => c && ((filters.customerId = c.id), apply()),
  });
  if (filters.customerId) api.get(`/api/v1/customers/${encodeURIComponent(filters.customerId)}`).then(customer.set, () => undefined);

  const counts = h('div', { class: 'counts' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });

  function apply(offset = 0) {
    filters.channel = channel.value;
    filters.reason = reason.value;
    filters.minAgeHours = minAge.value;
    filters.offset = offset;
    if (!customer.input.value.trim()) filters.customerId = '';
    const { offset: o, ...rest } = filters;
    navigate(withQuery('/exceptions', { ...rest, offset: o || '' }), { replace: true });
  }

  mount(
    main,
    h('h1', {}, 'Exceptions queue'),
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter exceptions', onsubmit: (e) => (e.preventDefault(), apply()) },
      field('Channel', channel),
      field('Reason', reason),
      field('Older than (hours)', minAge),
      customer.root,
      h('button', { type: 'submit' }, 'Filter'),
    ),
    counts,
    results,
  );
  for (const control of [channel, reason]) control.addEventListener('change', () => apply());

  try {
    const page = await api.get(
      withQuery('/api/v1/exceptions', {
        status: 'open',
        channel: filters.channel,
        reason: filters.reason,
        customerId: filters.customerId,
        minAgeHours: filters.minAgeHours,
        limit: PAGE,
        offset: filters.offset,
      }),
    );
    renderCounts(counts, page.counts ?? {}, filters, (key, value) => {
      if (key === 'reason') reason.value = value;
      else channel.value = value;
      apply();
    });
    renderTable(results, page, filters, apply);
  } catch (error) {
    mount(results, h('p', { role: 'alert', class: 'error' }, `Could not load the queue: ${errorText(error)}`));
  }
}

function renderCounts(el, counts, filters, choose) {
  const group = (title, key, entries, labels = {}) =>
    h(
      'section',
      { class: 'count-group', 'aria-label': title },
      h('h2', {}, title),
      h(
        'ul',
        {},
        Object.entries(entries ?? {})
          .sort((a, b) => b[1] - a[1])
          .map(([value, n]) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', class: 'chip', 'aria-pressed': String(filters[key] === value), onclick: () => choose(key, value) },
                `${labels[value] ?? value}: ${n}`,
              ),
            ),
          ),
      ),
    );
  mount(el, group('By reason', 'reason', counts.byReason), group('By channel', 'channel', counts.byChannel, CHANNEL_LABELS));
}

function renderTable(el, page, filters, apply) {
  // Oldest first: the longest-waiting order is the next one to work.
  const items = [...page.items].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  if (items.length === 0) return mount(el, h('p', { class: 'empty' }, 'No open exceptions match. Nice work.'));
  const now = Date.now();
  mount(
    el,
    h('p', { class: 'summary' }, `${page.total} open exception${page.total === 1 ? '' : 's'}`),
    h(
      'table',
      { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Open exceptions, oldest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Age', 'Channel', 'PO number', 'Customer / sender', 'Reasons', 'Received'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((x) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, age(x.createdAt, now)),
            h('td', {}, CHANNEL_LABELS[x.channel] ?? x.channel),
            h('td', {}, h('a', { href: `/exceptions/${encodeURIComponent(x.id)}` }, x.poNumber || '(no PO number)')),
            h('td', {}, x.customerName || h('span', { class: 'muted' }, x.sender || 'unknown')),
            h(
              'td',
              {},
              h(
                'ul',
                { class: 'reasons' },
                x.reasons.map((r) => h('li', { title: r.message }, h('code', {}, r.code))),
              ),
            ),
            h('td', {}, dateTime(x.createdAt)),
          ),
        ),
      ),
    ),
    pager(page.total, filters.offset, apply),
  );
}

export function pager(total, offset, go, size = PAGE) {
  if (total <= size) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - size)) }, 'Previous'),
    h('span', {}, `${offset + 1}–${Math.min(total, offset + size)} of ${total}`),
    h('button', { type: 'button', disabled: offset + size >= total, onclick: () => go(offset + size) }, 'Next'),
  );
}
