import type { PdfTextPage } from './pdf-text';

/** A run of text on one line with no wide gap inside: one table cell, one label, one value. */
export interface Segment {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  page: number;
}

export interface TextLine {
  page: number;
  y: number;
  segments: Segment[];
  /** Segments joined with a tab, so that regexes can still tell cells apart. */
  text: string;
}

/**
 * Rebuilds lines and cells from positioned runs. pdf.js gives runs in content-stream order, which follows the
 * producer's drawing order rather than reading order, so runs are regrouped by baseline, then split into segments
 * wherever the horizontal gap is wider than about half the font size (a column gap, not a word space).
 */
export function buildLines(pages: PdfTextPage[]): TextLine[] {
  const out: TextLine[] = [];
  for (const page of pages) {
    const items = page.items.length > 0 ? page.items : fallbackItems(page);
    const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
    const rows: Array<typeof sorted> = [];
    for (const item of sorted) {
      const row = rows[rows.length - 1];
      const tolerance = Math.max(2, Math.min(item.height, row?.[0]?.height ?? item.height) * 0.35);
      if (row && Math.abs(row[0].y - item.y) <= tolerance) row.push(item);
      else rows.push([item]);
    }
    for (const row of rows) {
      row.sort((a, b) => a.x - b.x);
      const segments: Segment[] = [];
      for (const item of row) {
        const last = segments[segments.length - 1];
        const gap = last ? item.x - last.x1 : Infinity;
        if (last && gap < Math.max(2.5, item.height * 0.5)) {
          last.text += gap > item.height * 0.12 && !last.text.endsWith(' ') && !item.str.startsWith(' ') ? ` ${item.str}` : item.str;
          last.x1 = Math.max(last.x1, item.x + item.width);
        } else {
          segments.push({ text: item.str, x0: item.x, x1: item.x + item.width, y: item.y, size: item.height, page: page.num });
        }
      }
      for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
      const kept = segments.filter((s) => s.text !== '');
      if (kept.length > 0) out.push({ page: page.num, y: row[0].y, segments: kept, text: kept.map((s) => s.text).join('\t') });
    }
  }
  return out;
}

/** Without positions (worker told not to collect them) each text line becomes one segment, tabs split cells. */
function fallbackItems(page: PdfTextPage): PdfTextPage['items'] {
  const items: PdfTextPage['items'] = [];
  page.text.split('\n').forEach((line, i) => {
    let x = 0;
    for (const cell of line.split('\t')) {
      items.push({ str: cell, x, y: i * 12, width: cell.length * 5, height: 10 });
      x += cell.length * 5 + 40;
    }
  });
  return items;
}

/** The segment directly below `seg` (first line within `maxGap` whose segment overlaps it horizontally). */
export function segmentBelow(lines: TextLine[], lineIndex: number, seg: Segment, maxGap = 30): Segment | null {
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.page !== seg.page || line.y - seg.y > maxGap) return null;
    const hit = line.segments.find((s) => s.x0 < seg.x1 + 2 && s.x1 > seg.x0 - 2);
    if (hit) return hit;
  }
  return null;
}

/** The box a segment (or several, on one page) covers, as a source region: baseline minus ascent to descent. */
export function regionOf(...segments: Segment[]): { page: number; x: number; y: number; width: number; height: number } | undefined {
  const first = segments[0];
  if (!first) return undefined;
  const same = segments.filter((s) => s.page === first.page);
  const x0 = Math.min(...same.map((s) => s.x0));
  const x1 = Math.max(...same.map((s) => s.x1));
  const top = Math.min(...same.map((s) => s.y - s.size * 0.9));
  const bottom = Math.max(...same.map((s) => s.y + s.size * 0.25));
  const r = (n: number): number => Math.round(n * 10) / 10;
  return { page: first.page, x: r(x0), y: r(top), width: r(x1 - x0), height: r(bottom - top) };
}
