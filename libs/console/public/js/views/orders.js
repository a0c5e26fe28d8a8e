// @ts-check
// Order search: by PO number, customer, channel and status; newest first.
import { api, errorText, withQuery } from '../api.js';
import { combobox } from '../combobox.js';
import { field, h, mount, select } from '../dom.js';
import { channelClass, CHANNEL_LABELS, CHANNELS, dateTime, money } from '../format.js';
import { statusBadge } from '../status.js';
import { describeCustomer, searchCustomers } from '../lookups.js';
import { pager } from './exceptions.js';

// The hub's order statuses (order-core ORDER_STATUSES); the badge refines "accepted" from the lines.
const STATUSES = ['received', 'flagged', 'accepted', 'partially-shipped', 'shipped', 'invoiced', 'cancelled', 'closed'];
const PAGE = 50;

export async function render(main, _params, { navigate, query }) {
  const f = {
    poNumber: query.get('poNumber') ?? '',
    customerId: query.get('customerId') ?? '',
    channel: query.get('channel') ?? '',
    status: query.get('status') ?? '',
    offset: Number(query.get('offset') ?? 0),
  };
  const poNumber = h('input', { type: 'search', value: f.poNumber, autocomplete: 'off' });
  let customerId = f.customerId;
  const customer = combobox({
    label: 'Customer',
    search: searchCustomers,
    describe: describeCustomer,
    onPick: (c) => (customerId = c?.id ?? ''),
  });
  if (customerId) api.get(`/api/v1/customers/${encodeURIComponent(customerId)}`).then(customer.set, () => undefined);
  const channel = select([
    { value: '', label: 'All channels' },
    ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], selected: c === f.channel })),
  ]);
  const status = select([{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: s, selected: s === f.status }))]);
  if (f.status && !STATUSES.includes(f.status)) status.append(h('option', { value: f.status, selected: true }, f.status));
  const results = h('div', { 'aria-live': 'polite' });

  const go = (offset = 0) =>
    navigate(
      withQuery('/orders', {
        poNumber: poNumber.value.trim(),
        customerId: customer.input.value.trim() ? customerId : '',
        channel: channel.value,
        status: status.value,
        offset: offset || '',
      }),
      { replace: true },
    );

  mount(
    main,
    h('h1', {}, 'Orders'),
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Search orders', onsubmit: (e) => (e.preventDefault(), go()) },
      field('PO number', poNumber),
      customer.root,
      field('Channel', channel),
      field('Status', status),
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
    ),
    results,
  );

  try {
    const page = await api.get(
      withQuery('/api/v1/orders', {
        poNumber: f.poNumber,
        customerId: f.customerId,
        channel: f.channel,
        status: f.status,
        limit: PAGE,
        offset: f.offset,
      }),
    );
    if (page.items.length === 0) return void mount(results, h('p', { class: 'empty' }, 'No orders match.'));
    const ids = new URLSearchParams();
    for (const o of page.items) ids.append('id', o.id);
    const sums = new Map(
      ((await api.get(`/api/v1/order-fulfilment?${ids}`).catch(() => ({ items: [] }))).items ?? []).map((/** @type {any} */ f) => [
        f.orderId,
        f,
      ]),
    );
    mount(
      results,
      h('p', { class: 'summary' }, `${page.total} order${page.total === 1 ? '' : 's'}`),
      h(
        'table',
        { class: 'grid' },
        h('caption', { class: 'sr-only' }, 'Orders, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Order', 'PO number', 'Customer', 'Channel', 'Status', 'Priority', 'Total', 'Created'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          page.items.map((o) =>
            h(
              'tr',
              {},
              h('td', {}, h('a', { href: `/orders/${encodeURIComponent(o.id)}` }, o.number ?? o.id)),
              h('td', {}, o.poNumber ?? ''),
              h('td', {}, o.customerName ?? ''),
              h('td', {}, h('span', { class: `channel ${channelClass(o.channel)}` }, CHANNEL_LABELS[o.channel] ?? o.channel)),
              h('td', {}, statusBadge(o.status, sums.get(o.id))),
              h('td', {}, o.priority ?? ''),
              h('td', { class: 'num' }, money(o.total, o.currency)),
              h('td', {}, dateTime(o.createdAt)),
            ),
          ),
        ),
      ),
      pager(page.total, f.offset, go, PAGE),
    );
  } catch (error) {
    mount(results, h('p', { role: 'alert', class: 'error' }, `Could not search orders: ${errorText(error)}`));
  }
}
