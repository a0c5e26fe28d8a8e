/**
 * The operator console end to end: the real hub as a child process (embedded PostgreSQL, demo master data),
 * driven through a real Chromium the way an operator uses it. Screenshots of the main screens land in
 * artifacts/screenshots/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PARTNER } from '@orderhub/edi-x12';
import { DEMO_CUSTOMERS } from '@orderhub/order-core';
import { PROJECT_ROOT } from '@orderhub/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HEADLESS_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// The hub's default first administrator (HUB_ADMIN_EMAIL unset), with a password we choose.
const ADMIN = { email: 'admin@localhost', password: 'console-e2e-admin-pw' };
const OPERATOR = { email: 'olivia.operator@orderhub.example', name: 'Olivia Operator', password: 'console-e2e-operator-pw' };
const SCREENSHOTS = join(PROJECT_ROOT, 'artifacts/screenshots');
const UI_TIMEOUT = 15_000;
jest.setTimeout(60_000);

/** The browser globals the page-side callbacks below touch (the project compiles without the DOM lib). */
interface PageGlobals {
  location: { origin: string };
  document: { activeElement: unknown };
  performance: { getEntriesByType(type: 'navigation' | 'resource'): unknown[] };
}
interface Timing {
  name: string;
  startTime: number;
  transferSize: number;
  decodedBodySize: number;
  domContentLoadedEventEnd: number;
  loadEventEnd: number;
}

/** The fields of API answers these tests read. */
interface Answer {
  token?: string;
  exceptionId?: string;
  version?: number;
  status?: string;
  error?: { code: string };
}

const chromiumMissing = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
if (chromiumMissing) console.warn(`[console e2e] skipped: ${chromiumMissing}`);
const describeWithBrowser = chromiumMissing ? describe.skip : describe;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describeWithBrowser('operator console in a real browser against the real hub', () => {
  let hub: ChildProcess;
  let hubOutput = '';
  let dataDir: string;
  let base: string;
  let adminToken: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const orderNumbers: Record<'exception' | 'phone', string> = { exception: '', phone: '' };

  async function http(
    method: string,
    path: string,
    body?: unknown,
    token = adminToken,
  ): Promise<{ status: number; json: Answer; headers: Headers; text: string }> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: Answer = {};
    try {
      json = JSON.parse(text) as Answer;
    } catch {
      // not JSON: the caller looks at text
    }
    return { status: response.status, json, headers: response.headers, text };
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function signIn(p: Page, who: { email: string; password: string }): Promise<void> {
    await p.goto(`${base}/`);
    await p.getByLabel('Email').fill(who.email);
    await p.getByLabel('Password').fill(who.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('button', { name: 'Log out' }).waitFor();
  }

  /** Picks `option` from the combobox labelled `label` after typing `text`. */
  async function choose(label: string, text: string, option: string | RegExp): Promise<void> {
    await page.getByRole('combobox', { name: label }).fill(text);
    await page.getByRole('option', { name: option }).first().click();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'orderhub-console-e2e-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    hub = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'apps/hub/src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        PORT: String(port),
        HUB_DATA_DIR: dataDir,
        HUB_DEMO: '1',
        HUB_ADMIN_EMAIL: '',
        HUB_ADMIN_PASSWORD: ADMIN.password,
        DATABASE_URL: '',
        KAFKA_BROKERS: '',
        HUB_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout!.on('data', (d: Buffer) => (hubOutput += d.toString()));
    hub.stderr!.on('data', (d: Buffer) => (hubOutput += d.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (hub.exitCode !== null) throw new Error(`hub exited with ${hub.exitCode}:\n${hubOutput.slice(-4000)}`);
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`hub not healthy after 90 s:\n${hubOutput.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const login = await http('POST', '/api/v1/auth/login', ADMIN, '');
    expect(login.status).toBe(200);
    adminToken = login.json.token!;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: HEADLESS_ARGS });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    context.setDefaultTimeout(UI_TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    // 401 (not signed in yet) and 409 (the conflict test) are expected answers, not console faults.
    page.on(
      'console',
      (m) => m.type() === 'error' && !/status of (401|409)/.test(m.text()) && console.error(`[browser console] ${m.text()}`),
    );
  }, 150_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (hub && hub.exitCode === null) {
      const exited = new Promise((r) => hub.once('exit', r));
      hub.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (hub.exitCode === null) hub.kill('SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('serves the console at / with a strict CSP, revalidating caches and a fallback only for page addresses', async () => {
    const index = await http('GET', '/', undefined, '');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(index.headers.get('cache-control')).toMatch(/no-cache/);
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts

    const script = await http('GET', '/app.js', undefined, '');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const etag = script.headers.get('etag');
    expect(etag).toBeTruthy();
    // An explicit Cache-Control keeps fetch() from adding its own no-cache to a conditional request.
    const again = await fetch(`${base}/app.js`, { headers: { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' } });
    expect(again.status).toBe(304);

    const deepLink = await fetch(`${base}/orders/some-order`, { headers: { Accept: 'text/html' } });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<main id="main"');

    const api = await fetch(`${base}/api/v1/no-such-thing`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect((await fetch(`${base}/health`, { headers: { Accept: 'text/html' } })).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/js/missing.js`)).status).toBe(404);
  });

  it('loads fast the first time (figures from the browser Performance API)', async () => {
    const fresh = await browser.newContext();
    const p = await fresh.newPage();
    await p.goto(`${base}/`, { waitUntil: 'load' });
    await p.getByRole('button', { name: 'Sign in' }).waitFor();
    const figures = await p.evaluate(() => {
      const { performance, location } = globalThis as unknown as PageGlobals;
      const nav = performance.getEntriesByType('navigation')[0] as Timing;
      const resources = performance.getEntriesByType('resource') as Timing[];
      const sameOrigin = resources.filter((r) => r.name.startsWith(location.origin));
      return {
        requests: 1 + sameOrigin.length,
        transferBytes: nav.transferSize + sameOrigin.reduce((n, r) => n + r.transferSize, 0),
        bodyBytes: nav.decodedBodySize + sameOrigin.reduce((n, r) => n + r.decodedBodySize, 0),
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd - nav.startTime),
        loadMs: Math.round(nav.loadEventEnd - nav.startTime),
        files: sameOrigin.map((r) => `${new URL(r.name).pathname} ${r.transferSize}`),
      };
    });
    console.log(
      `[console e2e] first load of / (login screen, cold cache, local hub): ${figures.requests} requests, ${figures.transferBytes} bytes transferred ` +
        `(${figures.bodyBytes} bytes of content), DOMContentLoaded ${figures.domContentLoadedMs} ms, load ${figures.loadMs} ms\n  ${figures.files.join('\n  ')}`,
    );
    expect(figures.transferBytes).toBeLessThan(100_000);
    expect(figures.loadMs).toBeLessThan(3_000);
    await fresh.close();
  });

  it('signs an operator in, shows the role, hides admin-only menu items, and signs out', async () => {
    const created = await http('POST', '/api/v1/users', {
      email: OPERATOR.email,
      name: OPERATOR.name,
      role: 'operator',
      password: OPERATOR.password,
    });
    expect(created.status).toBe(201);

    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Sign in to OrderHub' }).waitFor();
    await shot('01-login');
    await page.getByLabel('Email').fill(OPERATOR.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();

    await signIn(page, OPERATOR);
    expect(await page.locator('#who').textContent()).toBe(`${OPERATOR.name} · operator`);
    expect(await page.getByRole('link', { name: 'Exceptions' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Master data' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Sign in to OrderHub' }).waitFor();

    await signIn(page, ADMIN);
    expect(await page.locator('#who').textContent()).toMatch(/· admin$/);
    expect(await page.getByRole('link', { name: 'Master data' }).isVisible()).toBe(true);
  });

  it('works a phone order with an unknown ship-to from the queue into a sales order', async () => {
    const flagged = await http('POST', '/api/v1/phone-orders', {
      customerId: DEMO_CUSTOMERS.phone.id,
      poNumber: 'E2E-EXC-1',
      shipToCode: 'GATE-9',
      lines: [{ sku: 'HW-1010', quantity: '6' }],
    });
    expect(flagged.status).toBe(201);
    expect(flagged.json.exceptionId).toBeTruthy();

    await page.getByRole('link', { name: 'Exceptions' }).click();
    await page.getByRole('heading', { name: 'Exceptions queue' }).waitFor();
    await page.getByLabel('Channel', { exact: true }).selectOption('phone');
    const row = page.getByRole('row').filter({ hasText: 'E2E-EXC-1' });
    await row.waitFor();
    expect(await row.textContent()).toContain('SHIPTO.UNKNOWN');
    expect(await page.getByRole('button', { name: /SHIPTO\.UNKNOWN: 1/ }).count()).toBe(1);
    await shot('02-exceptions-queue');

    await row.getByRole('link', { name: 'E2E-EXC-1' }).click();
    await page.getByRole('heading', { name: 'Exception: PO E2E-EXC-1' }).waitFor();
    // The phone form itself is the source document: shown as pretty-printed JSON.
    await page.getByLabel('Source JSON').waitFor();
    expect(await page.getByLabel('Source JSON').textContent()).toContain('"shipToCode": "GATE-9"');
    expect(await page.getByRole('combobox', { name: 'Customer' }).inputValue()).toContain('Bayside Builders');
    await shot('03-exception-detail');

    await page.getByLabel('Ship-to code').fill('YARD');
    await page.getByRole('button', { name: 'Approve' }).click();
    const heading = page.getByRole('heading', { name: /^Order / });
    await heading.waitFor();
    orderNumbers.exception = (await heading.textContent())!.replace(/^Order /, '');
    expect(await page.getByText('Exception approved').isVisible()).toBe(true);
  });

  it('tells the operator when someone else changed the exception, reloads it, then approves', async () => {
    // Credit hold (approvable) plus an unknown ship-to (must be corrected): a colleague's bare approval leaves it
    // flagged but bumps its version under our open page.
    const flagged = await http('POST', '/api/v1/phone-orders', {
      customerId: DEMO_CUSTOMERS.creditHold.id,
      poNumber: 'E2E-EXC-2',
      shipToCode: 'DOCK-3',
      lines: [{ sku: 'HW-1008', quantity: '2' }],
    });
    expect(flagged.json.exceptionId).toBeTruthy();
    const id = flagged.json.exceptionId!;
    await page.goto(`${base}/exceptions/${id}`);
    await page.getByRole('heading', { name: 'Exception: PO E2E-EXC-2' }).waitFor();

    const seen = await http('GET', `/api/v1/exceptions/${id}`);
    const colleague = await http('POST', `/api/v1/exceptions/${id}/resolve`, { action: 'approve', version: seen.json.version });
    expect(colleague.json.status).toBe('still-flagged');

    await page.getByLabel('Ship-to code').fill('MAIN');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed this exception' }).waitFor();
    await page.getByText(`version ${seen.json.version! + 1}`).waitFor();
    await page.getByLabel('Ship-to code').fill('MAIN');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: /^Order / }).waitFor();
  });

  it('shows an X12 source segment by segment, maps an unknown buyer part to a product and remembers it', async () => {
    const pad = (v: string) => v.padEnd(15, ' ');
    const x12 = [
      `ISA*00*${' '.repeat(10)}*00*${' '.repeat(10)}*ZZ*${pad('ACMERETAIL')}*ZZ*${pad('ORDERHUB')}*260301*0930*U*00401*000000777*0*P*>`,
      'GS*PO*ACMERETAIL*ORDERHUB*20260301*0930*777*X*004010',
      'ST*850*0001',
      'BEG*00*SA*E2E-EDI-1**20260301',
      'N1*ST*ACME Store 42*92*0042',
      'PO1*1*12*EA*3.95*PE*BP*AC-999999',
      'CTT*1*12',
      'SE*6*0001',
      'GE*1*777',
      'IEA*1*000000777',
    ].join('~\n');
    const received = await fetch(`${base}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/edi-x12', 'X-Api-Key': DEMO_PARTNER.apiKey },
      body: `${x12}~\n`,
    });
    expect(received.status).toBe(202);

    await page.goto(`${base}/exceptions?reason=PRODUCT.UNKNOWN`);
    const row = page.getByRole('row').filter({ hasText: 'E2E-EDI-1' });
    await row.getByRole('link', { name: 'E2E-EDI-1' }).click({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Exception: PO E2E-EDI-1' }).waitFor();
    const segments = page.getByRole('list', { name: 'X12 segments' });
    await segments.waitFor();
    expect(await segments.getByRole('listitem').count()).toBe(10);
    const beg = segments.getByRole('listitem').filter({ hasText: 'Purchase order start' });
    expect(await beg.textContent()).toContain('PO number: E2E-EDI-1');
    await shot('03b-exception-x12');

    const product = page.getByRole('combobox', { name: 'Product for line 1' });
    await product.fill('HW-1001');
    await page.getByRole('option', { name: /HW-1001/ }).waitFor();
    await product.press('Enter');
    await page.getByLabel("Remember AC-999999 as this customer's part number").check();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: /^Order / }).waitFor();

    const parts = await http('GET', `/api/v1/customers/${DEMO_CUSTOMERS.acme.id}/part-numbers?q=AC-999999`);
    expect(parts.json).toMatchObject({ items: [{ partNumber: 'AC-999999', sku: 'HW-1001' }] });

    // The acknowledgements go out through the bus: reload until the documents table lists them.
    const docs = page.getByRole('region', { name: 'Documents sent' });
    for (let i = 0; i < 20 && (await docs.getByRole('button', { name: /^View X12/ }).count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await docs.locator('p, table').first().waitFor();
    }
    const view = docs.getByRole('button', { name: /^View X12/ }).first();
    await view.click();
    expect(await docs.getByRole('list', { name: 'X12 segments' }).first().textContent()).toContain('Interchange header');
    expect(
      await docs
        .getByRole('link', { name: /^Download X12/ })
        .first()
        .getAttribute('download'),
    ).toBeTruthy();
    await shot('05b-order-documents');
    await docs
      .getByRole('button', { name: /^Re-send X12/ })
      .first()
      .click();
    await page.getByText('queued to be sent again').waitFor();
  });

  it('takes a phone order whose quantity hits a price break, with the rule shown, after a reload', async () => {
    await page.goto(`${base}/phone`);
    // A reload leaves only the HttpOnly cookie: the CSRF token must come back from /auth/me for the POSTs below.
    await page.reload();
    await page.getByRole('heading', { name: 'Phone order' }).waitFor();
    await choose('Customer', 'Bayside', /Bayside Builders/);
    expect(await page.getByLabel('Ship-to').inputValue()).toBe('YARD');
    await page.getByLabel('PO number').fill('E2E-PHONE-1');
    await page.getByLabel('Priority').selectOption('rush');

    // Keyboard only: type, Enter picks the highlighted product, Tab moves to quantity, Enter adds the line.
    const product = page.getByRole('combobox', { name: 'Product' });
    await product.fill('HW-1002');
    await page.getByRole('option', { name: /HW-1002/ }).waitFor();
    await product.press('Enter');
    expect(await product.inputValue()).toMatch(/^HW-1002 — Drywall screw/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('144');
    await page.keyboard.press('Enter');
    const quantity = page.getByLabel('Quantity', { exact: true });
    const price = page.getByLabel('Unit price, line 1');
    await price.waitFor();
    expect(await price.textContent()).toBe('$3.61'); // list 3.80, 5% off from 144 boxes
    const line = page.getByRole('row').filter({ hasText: 'HW-1002' });
    // The rule by the name the admin gave it, once its name has been looked up.
    await line.getByText('5% off from 144 boxes (one case is 12)').waitFor();
    expect(await line.textContent()).toContain('DEMO-QB-HW1002-144');
    expect(await line.textContent()).toContain('$519.84');
    // Focus went back to product search for the next line.
    expect(
      await page
        .getByRole('combobox', { name: 'Product' })
        .evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement),
    ).toBe(true);

    // A second line for a discontinued product: the validation problem shows next to that line.
    await choose('Product', 'HW-1020', /HW-1020/);
    await quantity.fill('1');
    await quantity.press('Enter');
    const second = page.getByRole('row').filter({ hasText: 'HW-1020' });
    await second.getByText('PRODUCT.DISCONTINUED').waitFor();
    await page.getByRole('button', { name: 'Remove line 2' }).click();
    await page.getByRole('row').filter({ hasText: 'HW-1020' }).waitFor({ state: 'detached' });

    await page.getByLabel('Notes').fill('Deliver to the yard gate, call ahead.');
    await shot('04-phone-order');
    await page.getByRole('button', { name: 'Place order' }).click();
    const created = page.getByRole('status').filter({ hasText: 'created' });
    await created.waitFor();
    orderNumbers.phone = (await created.getByRole('link').first().textContent())!;
    expect(orderNumbers.phone).toBeTruthy();
  });

  it('finds both orders in the order search and shows the priced lines, timeline and documents', async () => {
    for (const [po, number] of [
      ['E2E-EXC-1', orderNumbers.exception],
      ['E2E-PHONE-1', orderNumbers.phone],
    ] as const) {
      await page.getByRole('link', { name: 'Orders', exact: true }).click();
      await page.getByRole('heading', { name: 'Orders' }).waitFor();
      await page.getByLabel('PO number').fill(po);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('row').filter({ hasText: po }).getByRole('link', { name: number }).waitFor();
    }

    await page.getByRole('link', { name: orderNumbers.phone }).click();
    await page.getByRole('heading', { name: `Order ${orderNumbers.phone}` }).waitFor();
    const line = page.getByRole('row').filter({ hasText: 'HW-1002' });
    await line.getByText('5% off from 144 boxes (one case is 12)').waitFor();
    expect(await line.textContent()).toContain('$3.61');
    expect(await page.getByRole('region', { name: 'Status timeline' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Documents sent' }).locator('p, table').first().waitFor();
    await shot('05-order-detail');

    await page.getByRole('link', { name: 'View the source document' }).click();
    await page.getByRole('heading', { name: 'Source document' }).waitFor();
    expect(await page.getByLabel('Source JSON').textContent()).toContain('"poNumber": "E2E-PHONE-1"');
  });

  it('draws the dashboard charts from the KPIs', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const charts = page.getByRole('img');
    await charts.first().waitFor();
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    const perDay = page.getByRole('img', { name: /Orders per channel per day/ });
    expect(await perDay.locator('rect').count()).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'Key figures' }).textContent()).toMatch(/Open exceptions\s*\d/);
    await shot('06-dashboard');
  });
});
