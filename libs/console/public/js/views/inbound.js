// @ts-check
// Inbound documents: everything the hub received, newest first, filtered; the exact bytes; replay for admins.
// Built to the API.md "Inbound documents" contract (GET /api/v1/inbound-documents, /{id}, /{id}/raw, POST replay).
import { api, ApiError, errorText, withQuery } from '../api.js';
import { field, h, mount, select } from '../dom.js';
import { channelClass, CHANNEL_LABELS, CHANNELS, dateTime } from '../format.js';
import { names } from '../names.js';
import { pager } from './exceptions.js';

const STATUSES = ['received', 'processed', 'flagged', 'rejected', 'duplicate', 'failed'];
const PAGE = 50;

/**
 * @param {HTMLElement} main
 * @param {{ id?: string }} params
 * @param {{ navigate: Function, query: URLSearchParams, user: any, flash: (t: string, k?: string) => void }} ctx
 */
export async function render(main, params, ctx) {
  if (params.id) return detail(main, params.id, ctx);
  const { navigate, query } = ctx;
  const f = {
    channel: query.get('channel') ?? '',
    status: query.get('status') ?? '',
    sender: query.get('sender') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    offset: Number(query.get('offset') ?? 0),
  };
  const channel = select([
    { value: '', label: 'All channels' },
    ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], selected: c === f.channel })),
  ]);
  const status = select([{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: s, selected: s === f.status }))]);
  const sender = h('input', { type: 'search', value: f.sender, autocomplete: 'off' });
  const from = h('input', { type: 'date', value: f.from });
  const to = h('input', { type: 'date', value: f.to });
  const results = h('div', { 'aria-live': 'polite' });
  const go = (offset = 0) =>
    navigate(
      withQuery('/inbound', {
        channel: channel.value,
        status: status.value,
        sender: sender.value.trim(),
        from: from.value,
        to: to.value,
        offset: offset || '',
      }),
      { replace: true },
    );
  mount(
    main,
    h('h1', {}, 'Inbound documents'),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': 'Filter inbound documents',
        onsubmit: (/** @type {Event} */ e) => (e.preventDefault(), go()),
      },
      field('Channel', channel),
      field('Status', status),
      field('Sender', sender),
      field('From', from),
      field('To', to),
      h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    ),
    results,
  );
  try {
    const page = await api.get(
      withQuery('/api/v1/inbound-documents', {
        channel: f.channel,
        status: f.status,
        sender: f.sender,
        from: f.from,
        to: f.to ? `${f.to}T23:59:59.999Z` : '',
        limit: PAGE,
        offset: f.offset,
      }),
    );
    const items = Array.isArray(page?.items) ? page.items : [];
    if (items.length === 0) return void mount(results, h('p', { class: 'empty' }, 'No inbound documents match.'));
    const resolved = await names(
      items.filter((/** @type {any} */ d) => d.channel === 'edi').map((/** @type {any} */ d) => `partner:${d.sender}`),
    );
    mount(
      results,
      h('p', { class: 'summary' }, `${page.total ?? items.length} document${(page.total ?? items.length) === 1 ? '' : 's'}`),
      h(
        'table',
        { class: 'grid' },
        h('caption', { class: 'sr-only' }, 'Inbound documents, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Received', 'Channel', 'Sender', 'Size', 'Status', 'Outcome'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          items.map((/** @type {any} */ d) =>
            h(
              'tr',
              {},
              h('td', {}, h('a', { href: `/inbound/${encodeURIComponent(d.id)}` }, dateTime(d.receivedAt))),
              h('td', {}, h('span', { class: `channel ${channelClass(d.channel)}` }, CHANNEL_LABELS[d.channel] ?? d.channel)),
              h('td', {}, d.channel === 'edi' ? (resolved.get(`partner:${d.sender}`) ?? d.sender) : d.sender),
              h('td', { class: 'num' }, bytes(d.size)),
              h(
                'td',
                {},
                h(
                  'span',
                  {
                    class: `status s-${d.status === 'failed' || d.status === 'rejected' ? 'bad' : d.status === 'processed' ? 'ok' : 'neutral'}`,
                  },
                  d.status,
                ),
              ),
              h('td', {}, outcome(d)),
            ),
          ),
        ),
      ),
      pager(page.total ?? items.length, f.offset, go, PAGE),
    );
  } catch (error) {
    const missing = error instanceof ApiError && error.status === 404;
    mount(
      results,
      h(
        'p',
        { role: 'alert', class: 'error' },
        missing
          ? 'This hub does not list inbound documents yet (its API answers 404).'
          : `Could not load inbound documents: ${errorText(error)}`,
      ),
    );
  }
}

/** @param {number | undefined} n */
function bytes(n) {
  if (n === undefined || n === null) return '—';
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

/** @param {any} d */
function outcome(d) {
  const o = d.outcome ?? {};
  return [
    ...(o.orderIds ?? []).map((/** @type {string} */ id, /** @type {number} */ i) => [
      i ? ', ' : '',
      h('a', { href: `/orders/${encodeURIComponent(id)}` }, 'order'),
    ]),
    ...(o.exceptionIds ?? []).map((/** @type {string} */ id) => [
      ' ',
      h('a', { href: `/exceptions/${encodeURIComponent(id)}` }, 'exception'),
    ]),
    o.reason ? h('span', { class: 'muted' }, ` ${o.reason}`) : null,
  ];
}

/**
 * @param {HTMLElement} main
 * @param {string} id
 * @param {{ user: any, flash: (t: string, k?: string) => void, navigate: Function }} ctx
 */
async function detail(main, id, { user, flash, navigate }) {
  const d = await api.get(`/api/v1/inbound-documents/${encodeURIComponent(id)}`);
  const raw = `/api/v1/inbound-documents/${encodeURIComponent(id)}/raw`;
  const replay = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        replay.disabled = true;
        try {
          await api.post(`/api/v1/inbound-documents/${encodeURIComponent(id)}/replay`);
          flash('The document is being processed again.');
          navigate(location.pathname, { replace: true, keepFlash: true });
        } catch (error) {
          flash(`Could not replay: ${errorText(error)}`, 'error');
          replay.disabled = false;
        }
      },
    },
    'Replay',
  );
  mount(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '/inbound' }, '← Inbound documents')),
    h('h1', {}, `Inbound document ${dateTime(d.receivedAt)}`),
    h(
      'dl',
      { class: 'meta wide' },
      [
        ['Channel', CHANNEL_LABELS[d.channel] ?? d.channel],
        ['Sender', d.sender],
        ['Status', d.status],
        ['Size', bytes(d.size)],
        ['SHA-256', d.sha256],
        ['Why', d.outcome?.reason],
      ]
        .filter(([, v]) => v)
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      h('dt', {}, 'Outcome'),
      h('dd', {}, outcome(d)),
    ),
    h(
      'p',
      { class: 'actions' },
      h('a', { href: raw, class: 'button', download: `inbound-${id}` }, 'Download the exact bytes'),
      d.rawDocumentId || d.id ? h('a', { href: `/documents/${encodeURIComponent(d.rawDocumentId ?? d.id)}` }, 'Read it') : null,
      user.role === 'admin' && d.status === 'failed' ? replay : null,
    ),
  );
}
