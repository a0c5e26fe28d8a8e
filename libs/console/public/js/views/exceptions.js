// @ts-check
// Exceptions queue: open flagged purchase orders, oldest first, filtered by channel, reason, age and customer.
import { api, errorText, withQuery } from '../api.js';
import { combobox } from '../combobox.js';
import { field, h, mount, select } from '../dom.js';
import { age, channelClass, CHANNEL_LABELS, CHANNELS, dateTime } from '../format.js';
import { currentClaims, onLive } from '../live.js';
import { describeCustomer, searchCustomers } from '../lookups.js';

const PAGE = 50;

/** The hub's problem codes, asked once per session (GET /api/v1/problem-codes). */
let problemCodes = null;
const knownReasons = async () =>
  (problemCodes ??= api.get('/api/v1/problem-codes').then(
    (p) => p.items.map((/** @type {{ code: string }} */ i) => i.code),
    () => ((problemCodes = null), []),
  ));

/**
 * @param {HTMLElement} main
 * @param {unknown} _params
 * @param {{ navigate: Function, query: URLSearchParams, user: any }} ctx
 */
export async function render(main, _params, { navigate, query, user }) {
  const KNOWN_REASONS = await knownReasons();
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

  let seq = 0;
  async function load() {
    const mine = ++seq;
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
    if (mine !== seq) return;
    renderCounts(counts, page.counts ?? {}, filters, (key, value) => {
      if (key === 'reason') reason.value = value;
      else channel.value = value;
      apply();
    });
    renderTable(results, page, filters, apply, user);
  }
  try {
    await load();
  } catch (error) {
    mount(results, h('p', { role: 'alert', class: 'error' }, `Could not load the queue: ${errorText(error)}`));
  }
  // Live: another operator's approval, a new exception or a claim shows here without a reload.
  return onLive((e) => {
    if (e.type === 'queue') void load().catch(() => undefined);
    if (e.type === 'claims') markClaims(results, e.data, user);
  });
}

/**
 * @param {HTMLElement} el
 * @param {import('../live.js').Claim[]} claims
 * @param {any} user
 */
function markClaims(el, claims, user) {
  for (const cell of /** @type {NodeListOf<HTMLElement>} */ (el.querySelectorAll('td[data-claim]'))) {
    const c = claims.find((x) => x.exceptionId === cell.dataset.claim);
    cell.textContent = c ? (c.userId === user?.id ? 'you' : c.name) : '';
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

/**
 * @param {HTMLElement} el
 * @param {any} page
 * @param {any} filters
 * @param {(offset?: number) => void} apply
 * @param {any} user
 */
function renderTable(el, page, filters, apply, user) {
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
          ['Age', 'Channel', 'PO number', 'Customer / sender', 'Reasons', 'Received', 'Being worked by'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
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
            h('td', {}, h('span', { class: `channel ${channelClass(x.channel)}` }, CHANNEL_LABELS[x.channel] ?? x.channel)),
            h('td', {}, h('a', { href: `/exceptions/${encodeURIComponent(x.id)}` }, x.poNumber || '(no PO number)')),
            h(
              'td',
              {},
              x.customerName || h('span', { class: 'muted' }, x.channel === 'edi' ? 'unknown EDI partner customer' : x.sender || 'unknown'),
            ),
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
            h('td', { dataset: { claim: x.id } }),
          ),
        ),
      ),
    ),
    pager(page.total, filters.offset, apply),
  );
  markClaims(el, currentClaims(), user);
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
