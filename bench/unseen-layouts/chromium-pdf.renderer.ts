import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { unseenPoHtml, type UnseenTruth } from './unseen-po.layouts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HEADLESS_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the unseen set cannot be rendered here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

export interface RenderedPo {
  truth: UnseenTruth;
  pdf: Buffer;
}

/**
 * Prints each unseen PO to PDF with Chromium. A "scanned" defect is a picture of the printed page put back into a
 * PDF: no text layer at all, as a scanner's output.
 */
export async function renderUnseenSet(set: UnseenTruth[]): Promise<RenderedPo[]> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: HEADLESS_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    const out: RenderedPo[] = [];
    for (const truth of set) {
      await page.setContent(unseenPoHtml(truth));
      if (truth.defect === 'scanned') {
        const png = await page.screenshot({ fullPage: false, type: 'png' });
        await page.setContent(
          `<html><head><style>@page{size:A4;margin:0}body{margin:0}</style></head><body><img style="width:210mm" src="data:image/png;base64,${png.toString('base64')}"></body></html>`,
        );
      }
      out.push({ truth, pdf: await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }) });
    }
    return out;
  } finally {
    await browser.close();
  }
}
