'use strict';
/**
 * PDF text sandbox: runs pdf-parse (pdf.js) in a child process so that a hostile or broken PDF can only take
 * this process down, never the hub. Plain JavaScript on purpose: it is forked with plain `node`, both when the
 * hub runs from TypeScript sources (swc-node) and under jest, so it must not need a transpiler.
 *
 * Protocol (advanced IPC serialization, so the PDF travels as bytes, not JSON):
 *   parent → { type: 'extract', id, data: Uint8Array, maxPages, positions, maxItems, ocr?: { maxPages, dpi, languages, timeoutMs } }
 *   child  → { type: 'ocr-started', id } (a page without text is being OCR'd: the parent allows it more time)
 *   child  → { type: 'result', id, ok: true, pages, ocr? } | { type: 'result', id, ok: false, code, message }
 */
const { PDFParse } = require('pdf-parse');
const { execFile } = require('node:child_process');
const { mkdtemp, readdir, rm, writeFile } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// One thread per OCR: the sandbox pool decides the parallelism, Tesseract's OpenMP must not take every core.
function run(cmd, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL', env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/**
 * Scanned pages: rasterize with poppler's pdftoppm, then Tesseract's TSV output gives every word with its box.
 * Boxes come back in PDF points (top-left origin, y = the word's bottom, about its baseline) like pdf.js runs,
 * so the same layout code reads them. Runs inside this sandbox child, on the job's own temporary folder.
 */
async function ocr(job, numPages) {
  const o = job.ocr;
  const dir = await mkdtemp(join(tmpdir(), 'orderhub-ocr-'));
  try {
    const pdfPath = join(dir, 'in.pdf');
    await writeFile(pdfPath, job.data);
    const last = Math.min(numPages, o.maxPages);
    await run('pdftoppm', ['-r', String(o.dpi), '-gray', '-png', '-f', '1', '-l', String(last), pdfPath, join(dir, 'page')], o.timeoutMs);
    const images = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    const scale = 72 / o.dpi;
    const pages = [];
    for (const [index, image] of images.entries()) {
      const tsv = await run('tesseract', [join(dir, image), '-', '-l', o.languages, '--psm', '3', 'tsv'], o.timeoutMs);
      const items = [];
      let width = 0;
      let height = 0;
      for (const row of tsv.split('\n').slice(1)) {
        const f = row.split('\t');
        if (f.length < 12) continue;
        const [level, , , , , , left, top, w, h, conf] = f.map(Number);
        const text = f.slice(11).join('\t').trim();
        if (level === 1) {
          width = w * scale;
          height = h * scale;
        }
        if (level !== 5 || !text || conf < 0) continue;
        // Words of one Tesseract line closer than about a letter's height are one phrase (a cell, a label).
        const line = f.slice(2, 5).join('.');
        const prev = items[items.length - 1];
        if (prev && prev.line === line && left - prev.right < h * 1.1) {
          prev.str += ` ${text}`;
          prev.right = left + w;
          prev.bottom = Math.max(prev.bottom, top + h);
          prev.h = Math.max(prev.h, h);
          continue;
        }
        items.push({ str: text, line, left, right: left + w, bottom: top + h, h });
      }
      const runs = items.map((i) => ({
        str: i.str,
        x: i.left * scale,
        y: i.bottom * scale,
        width: (i.right - i.left) * scale,
        height: Math.max(6, i.h * scale * 1.15),
      }));
      pages.push({ num: index + 1, width, height, text: runs.map((i) => i.str).join(' '), items: runs });
    }
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function classify(error) {
  const name = (error && error.name) || '';
  const message = String((error && error.message) || error);
  if (name === 'PasswordException' || /password/i.test(message)) return { code: 'PDF.ENCRYPTED', message };
  return { code: 'PDF.CORRUPT', message: `${name || 'Error'}: ${message}`.slice(0, 500) };
}

async function extract(job) {
  const parser = new PDFParse({
    data: job.data,
    // No eval of PDF functions; pdf.js never runs document JavaScript in Node, this closes the other door.
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    // load() is pdf-parse's own (cached) document loader; getText() below reuses the loaded document.
    const doc = await parser.load();
    const total = Math.min(doc.numPages, job.maxPages);
    const text = await parser.getText({ first: total, pageJoiner: '' });
    const pages = [];
    let itemCount = 0;
    for (let num = 1; num <= total; num++) {
      const pageText = text.getPageText(num);
      const entry = { num, width: 0, height: 0, text: pageText, items: [] };
      if (job.positions && typeof doc.getPage === 'function') {
        const page = await doc.getPage(num);
        const viewport = page.getViewport({ scale: 1 });
        entry.width = viewport.width;
        entry.height = viewport.height;
        const content = await page.getTextContent();
        for (const item of content.items) {
          if (!('str' in item) || item.str.trim() === '') continue;
          const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
          // Font size from the text matrix; pdf.js's height is 0 for some runs.
          const size = Math.hypot(item.transform[2], item.transform[3]) || item.height || 10;
          // y is the baseline: runs of different font sizes on one line share it.
          entry.items.push({ str: item.str, x, y, width: item.width, height: size });
        }
        itemCount += entry.items.length;
        page.cleanup();
        if (itemCount > job.maxItems) {
          return { ok: false, code: 'PDF.TOO_LARGE', message: `more than ${job.maxItems} text runs` };
        }
      }
      pages.push(entry);
    }
    if (pages.every((p) => p.text.trim() === '' && p.items.length === 0)) {
      if (!job.ocr) return { ok: false, code: 'PDF.NO_TEXT', message: `no text on ${doc.numPages} page(s)` };
      // The parent extends its deadline for OCR, which takes seconds a page.
      process.send({ type: 'ocr-started', id: job.id });
      try {
        const scanned = await ocr(job, doc.numPages);
        if (scanned.every((p) => p.items.length === 0))
          return { ok: false, code: 'PDF.NO_TEXT', message: `no text on ${doc.numPages} page(s), none found by OCR either` };
        return { ok: true, pages: scanned, ocr: true };
      } catch (error) {
        const missing = error && error.code === 'ENOENT';
        return {
          ok: false,
          code: 'PDF.NO_TEXT',
          message: missing
            ? `no text layer, and OCR is not installed (tesseract, pdftoppm)`
            : `no text layer; OCR failed: ${String((error && error.message) || error).slice(0, 300)}`,
        };
      }
    }
    return { ok: true, pages };
  } catch (error) {
    return { ok: false, ...classify(error) };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

process.on('message', (msg) => {
  if (!msg || msg.type !== 'extract') return;
  extract(msg).then(
    (result) => process.send({ type: 'result', id: msg.id, ...result }),
    (error) => process.send({ type: 'result', id: msg.id, ok: false, ...classify(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
