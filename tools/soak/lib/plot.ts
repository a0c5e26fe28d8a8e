import { existsSync, writeFileSync } from 'node:fs';
import type { Sample } from './sampler';

export interface PlotEvent {
  t: number;
  label: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

/**
 * Two panels over time: throughput (offered and acknowledged orders/s) and latency (p50, p99 per sample, log
 * scale, with the 1 s line), fault events as vertical markers. Plain SVG; `toPng` renders it with Chromium.
 */
export function plotSvg(title: string, samples: Sample[], events: PlotEvent[]): string {
  const W = 1100;
  const H = 720;
  const left = 70;
  const right = 30;
  const plotW = W - left - right;
  const tMax = Math.max(1, ...samples.map((s) => s.t));
  const x = (t: number): number => left + (t / tMax) * plotW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">${esc(title)}</text>`);

  const panel = (
    top: number,
    height: number,
    yLabel: string,
    series: Array<{ name: string; color: string; values: Array<number | null>; dash?: string }>,
    log: boolean,
    guide?: { v: number; label: string },
  ): void => {
    const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && v > 0));
    const maxV = niceMax(Math.max(guide?.v ?? 0, ...all, 1) * 1.05);
    const minV = log ? 1 : 0;
    const y = (v: number): number => {
      const frac = log ? (Math.log10(Math.max(v, minV)) - Math.log10(minV)) / (Math.log10(maxV) - Math.log10(minV)) : v / maxV;
      return top + height - frac * height;
    };
    parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${height}" fill="none" stroke="#444"/>`);
    const ticks = log ? [1, 10, 100, 1000, 10000, 100000].filter((v) => v <= maxV) : [0, 0.25, 0.5, 0.75, 1].map((f) => f * maxV);
    for (const v of ticks) {
      parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#e4e4e4"/>`);
      parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1000 ? `${v / 1000}k` : Number(v.toFixed(1))}</text>`);
    }
    parts.push(`<text transform="translate(18 ${top + height / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
    if (guide) {
      parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(guide.v)}" y2="${y(guide.v)}" stroke="#c00" stroke-dasharray="6 4"/>`);
      parts.push(`<text x="${left + plotW - 4}" y="${y(guide.v) - 4}" text-anchor="end" fill="#c00">${esc(guide.label)}</text>`);
    }
    for (const e of events)
      parts.push(`<line x1="${x(e.t)}" x2="${x(e.t)}" y1="${top}" y2="${top + height}" stroke="#f0a000" stroke-width="1.5"/>`);
    series.forEach((s, i) => {
      const pts = samples.map((smp, k) =>
        s.values[k] === null ? null : `${x(smp.t).toFixed(1)},${y(Math.max(s.values[k] as number, minV)).toFixed(1)}`,
      );
      let d = '';
      let pen = false;
      for (const p of pts) {
        if (p === null) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${p} `;
        pen = true;
      }
      if (d)
        parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
      parts.push(
        `<rect x="${left + 10 + i * 170}" y="${top + 8}" width="14" height="4" fill="${s.color}"/><text x="${left + 30 + i * 170}" y="${top + 14}">${esc(s.name)}</text>`,
      );
    });
  };

  panel(
    40,
    280,
    'orders per second',
    [
      { name: 'offered (orders/s)', color: '#888', values: samples.map((s) => s.offeredOrdersPerS), dash: '4 3' },
      { name: 'acknowledged (orders/s)', color: '#1f77b4', values: samples.map((s) => s.acksPerS) },
    ],
    false,
  );
  panel(
    360,
    280,
    'receipt → acknowledgement (ms, log)',
    [
      { name: 'p50', color: '#2ca02c', values: samples.map((s) => s.p50) },
      { name: 'p99', color: '#d62728', values: samples.map((s) => s.p99) },
    ],
    true,
    { v: 1000, label: '1 s' },
  );
  for (let k = 0; k <= 10; k++) {
    const t = (tMax * k) / 10;
    parts.push(`<text x="${x(t)}" y="${360 + 280 + 18}" text-anchor="middle">${t.toFixed(0)}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${H - 30}" text-anchor="middle">seconds since start</text>`);
  const phases: Array<{ t: number; name: string }> = [];
  for (const s of samples) if (!phases.length || phases[phases.length - 1].name !== s.phase) phases.push({ t: s.t, name: s.phase });
  for (const p of phases) parts.push(`<text x="${x(p.t) + 3}" y="${40 + 280 + 14}" fill="#555" font-size="11">${esc(p.name)}</text>`);
  events.forEach((e, i) =>
    parts.push(`<text x="${x(e.t) + 3}" y="${360 + 30 + (i % 8) * 13}" fill="#b07000" font-size="10">${esc(e.label)}</text>`),
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** Renders the SVG to a PNG with Debian's Chromium (playwright-core); returns false with a reason when it cannot. */
export async function toPng(svg: string, pngPath: string): Promise<{ ok: boolean; reason?: string }> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!executablePath) return { ok: false, reason: 'chromium not installed (apt-get install -y chromium); the SVG is written beside it' };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: pngPath, clip: { x: 0, y: 0, width: 1100, height: 720 } });
    return { ok: true };
  } finally {
    await browser.close();
  }
}

export function writeCsv(path: string, samples: Sample[]): void {
  const groups = [...new Set(samples.flatMap((s) => Object.keys(s.consumerLag)))];
  const procs = [...new Set(samples.flatMap((s) => Object.keys(s.rss)))];
  const header = [
    't',
    'phase',
    'offered_orders_per_s',
    'acks_per_s',
    'p50_ms',
    'p99_ms',
    ...groups.map((g) => `lag_${g}`),
    'outbox_unpublished',
    'outbox_lag_s',
    ...procs.map((p) => `rss_mb_${p}`),
    'note',
  ];
  const rows = samples.map((s) =>
    [
      s.t.toFixed(1),
      s.phase,
      s.offeredOrdersPerS.toFixed(2),
      s.acksPerS.toFixed(2),
      s.p50 ?? '',
      s.p99 ?? '',
      ...groups.map((g) => s.consumerLag[g] ?? ''),
      s.outboxUnpublished ?? '',
      s.outboxLagS?.toFixed(2) ?? '',
      ...procs.map((p) => s.rss[p]?.toFixed(1) ?? ''),
      JSON.stringify(s.note),
    ].join(','),
  );
  writeFileSync(path, [header.join(','), ...rows].join('\n') + '\n');
}
