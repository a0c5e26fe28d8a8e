'use strict';
/**
 * PDF text sandbox: runs pdf-parse (pdf.js) in a child process so that a hostile or broken PDF can only take
 * this process down, never the hub. Plain JavaScript on purpose: it is forked with plain `node`, both when the
 * hub runs from TypeScript sources (swc-node) and under jest, so it must not need a transpiler.
 *
 * Protocol (advanced IPC serialization, so the PDF travels as bytes, not JSON):
 *   parent → { type: 'extract', id, data: Uint8Array, maxPages, positions, maxItems }
 *   child  → { type: 'result', id, ok: true, pages } | { type: 'result', id, ok: false, code, message }
 */
const { PDFParse } = require('pdf-parse');

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
      return { ok: false, code: 'PDF.NO_TEXT', message: `no text on ${doc.numPages} page(s)` };
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
