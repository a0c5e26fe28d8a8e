// @ts-check
// Key figures of the last days: volume per channel, exception backlog, touchless rate, cycle time.
import { api, withQuery } from '../api.js';
import { bars, stackedColumns } from '../charts.js';
import { field, h, mount, select } from '../dom.js';
import { channelClass, CHANNEL_LABELS, duration, percent } from '../format.js';

export async function render(main, _params, { navigate, query }) {
  const days = query.get('days') ?? '14';
  const range = select(['7', '14', '30', '90'].map((d) => ({ value: d, label: `Last ${d} days`, selected: d === days })));
  range.addEventListener('change', () => navigate(withQuery('/dashboard', { days: range.value }), { replace: true }));
  const k = await api.get(withQuery('/api/v1/kpis', { days }));

  const backlog = k.exceptionBacklog ?? {};
  const stat = (label, value, note) =>
    h(
      'div',
      { class: 'stat' },
      h('div', { class: 'stat-label' }, label),
      h('div', { class: 'stat-value' }, value),
      note ? h('div', { class: 'muted' }, note) : null,
    );
  /** @param {Record<string, number | string> | undefined} o */
  const byChannel = (o) => Object.entries(o ?? {}).map(([c, v]) => ({ label: CHANNEL_LABELS[c] ?? c, key: c, value: Number(v) }));
  /** @param {{ key?: string }} item */
  const channelColour = (item) => channelClass(item.key ?? '');

  mount(
    main,
    h('div', { class: 'title-row' }, h('h1', {}, 'Dashboard'), field('Period', range)),
    h(
      'section',
      { class: 'stats', 'aria-label': 'Key figures' },
      stat('Touchless rate', percent(k.touchlessRate?.overall), 'orders with no human touch'),
      stat('Exception rate', percent(k.exceptionRate?.overall)),
      stat('Fill rate', percent(k.fillRate)),
      stat('Cycle time p50', duration(k.cycleTime?.p50Seconds), 'received → acknowledged'),
      stat('Cycle time p90', duration(k.cycleTime?.p90Seconds)),
      stat(
        'Open exceptions',
        String(backlog.open ?? 0),
        backlog.oldestAgeHours ? `oldest ${Number(backlog.oldestAgeHours).toFixed(1)} h` : null,
      ),
    ),
    h(
      'div',
      { class: 'charts' },
      stackedColumns(
        'Orders per channel per day',
        (k.ordersPerChannelPerDay ?? []).map((r) => ({ x: r.day, series: r.channel, value: r.count })),
        {
          seriesLabels: CHANNEL_LABELS,
          xLabel: (d) => String(d).slice(5),
          xValues: lastDays(Number(days)),
          colorOf: (s) => channelClass(s),
        },
      ),
      bars(
        'Exception backlog by age',
        (backlog.byAge ?? []).map((b) => ({ label: b.bucket, value: b.count })),
      ),
      bars('Touchless rate by channel', byChannel(k.touchlessRate?.byChannel), { format: percent, max: 1, colorOf: channelColour }),
      bars('Exception rate by channel', byChannel(k.exceptionRate?.byChannel), { format: percent, max: 1, colorOf: channelColour }),
      bars(
        'Cycle time',
        [
          { label: 'p50', value: k.cycleTime?.p50Seconds ?? 0 },
          { label: 'p90', value: k.cycleTime?.p90Seconds ?? 0 },
        ],
        { format: duration },
      ),
    ),
  );
}

/** The period's days as YYYY-MM-DD (UTC, as the hub groups them), oldest first: quiet days show as gaps. */
function lastDays(n) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
