// @ts-check
// Small SVG charts drawn by hand. Each is an <figure> with a titled role="img" SVG and the numbers as a table.
import { h, nextId, svg } from './dom.js';

const W = 640;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 40 };

/** Rounds an axis maximum up to 1, 2 or 5 × 10^n. */
function niceMax(value) {
  if (value <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= value);
}

function figure(title, chart, table) {
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), chart, h('details', {}, h('summary', {}, `${title}: data`), table));
}

function frame(title, summary) {
  const titleId = nextId('chart');
  return {
    el: svg(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': titleId, class: 'chart-svg' },
      svg('title', { id: titleId }, `${title}. ${summary}`),
    ),
    titleId,
  };
}

function yAxis(el, max) {
  const plotH = H - PAD.top - PAD.bottom;
  for (const f of [0, 0.5, 1]) {
    const y = PAD.top + plotH * (1 - f);
    el.append(
      svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'gridline' }),
      svg('text', { x: PAD.left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, String(Number((max * f).toFixed(2)))),
    );
  }
}

/**
 * Stacked columns: one per x value.
 * @param {string} title
 * @param {Array<{ x: string, series: string, value: number }>} rows
 * @param {{ seriesLabels?: Record<string, string>, xLabel?: (x: string) => string, xValues?: string[], colorOf?: (series: string, index: number) => string }} [options]
 */
export function stackedColumns(
  title,
  rows,
  { seriesLabels = {}, xLabel = (x) => x, xValues, colorOf = (_s, i) => `series-${i % 6}` } = {},
) {
  const xs = xValues ?? [...new Set(rows.map((r) => r.x))].sort();
  const series = [...new Set(rows.map((r) => r.series))].sort();
  const value = (x, s) => rows.filter((r) => r.x === x && r.series === s).reduce((a, r) => a + Number(r.value), 0);
  const totals = xs.map((x) => series.reduce((a, s) => a + value(x, s), 0));
  const max = niceMax(Math.max(0, ...totals));
  const { el } = frame(title, `${xs.length} days, ${totals.reduce((a, b) => a + b, 0)} in total.`);
  yAxis(el, max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, xs.length);
  const barW = Math.max(2, step * 0.7);
  xs.forEach((x, i) => {
    let y = PAD.top + plotH;
    const left = PAD.left + i * step + (step - barW) / 2;
    series.forEach((s, si) => {
      const v = value(x, s);
      if (!v) return;
      const hgt = (v / max) * plotH;
      y -= hgt;
      el.append(
        svg(
          'rect',
          { x: left, y, width: barW, height: hgt, class: colorOf(s, si) },
          svg('title', {}, `${xLabel(x)} · ${seriesLabels[s] ?? s}: ${v}`),
        ),
      );
    });
    if (xs.length <= 16 || i % Math.ceil(xs.length / 8) === 0)
      el.append(svg('text', { x: left + barW / 2, y: H - 10, class: 'tick', 'text-anchor': 'middle' }, xLabel(x)));
  });
  const legend = h(
    'ul',
    { class: 'legend' },
    series.map((s, si) => h('li', {}, h('span', { class: `swatch ${colorOf(s, si)}`, 'aria-hidden': 'true' }), seriesLabels[s] ?? s)),
  );
  const table = h(
    'table',
    { class: 'grid compact' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Day'),
        series.map((s) => h('th', { scope: 'col' }, seriesLabels[s] ?? s)),
        h('th', { scope: 'col' }, 'Total'),
      ),
    ),
    h(
      'tbody',
      {},
      xs.map((x, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, x),
          series.map((s) => h('td', { class: 'num' }, value(x, s))),
          h('td', { class: 'num' }, totals[i]),
        ),
      ),
    ),
  );
  const fig = figure(title, el, table);
  fig.insertBefore(legend, fig.querySelector('details'));
  return fig;
}

/**
 * Horizontal bars for labelled values; `format` renders the value text.
 * @param {string} title
 * @param {Array<{ label: string, value: number, key?: string }>} items
 * @param {{ format?: (v: number) => string, max?: number, colorOf?: (item: { label: string, value: number, key?: string }, index: number) => string }} [options]
 */
export function bars(title, items, { format = String, max, colorOf = (_item, i) => `series-${i % 6}` } = {}) {
  const rowH = 28;
  const height = Math.max(1, items.length) * rowH + 8;
  const labelW = 150;
  const top = niceMax(max ?? Math.max(0, ...items.map((i) => Number(i.value))));
  const titleId = nextId('chart');
  const el = svg(
    'svg',
    { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-labelledby': titleId, class: 'chart-svg' },
    svg('title', { id: titleId }, `${title}. ${items.map((i) => `${i.label} ${format(i.value)}`).join(', ')}`),
  );
  items.forEach((item, i) => {
    const y = 4 + i * rowH;
    const w = ((W - labelW - 80) * Number(item.value)) / top;
    el.append(
      svg('text', { x: labelW - 8, y: y + 17, class: 'tick', 'text-anchor': 'end' }, item.label),
      svg('rect', { x: labelW, y: y + 4, width: Math.max(0, w), height: rowH - 10, class: colorOf(item, i) }),
      svg('text', { x: labelW + Math.max(0, w) + 6, y: y + 17, class: 'value' }, format(item.value)),
    );
  });
  const table = h(
    'table',
    { class: 'grid compact' },
    h(
      'tbody',
      {},
      items.map((i) => h('tr', {}, h('th', { scope: 'row' }, i.label), h('td', { class: 'num' }, format(i.value)))),
    ),
  );
  return figure(title, el, table);
}
