// @ts-check
// Administration: users, trading partners, customers, products, price rules, stock and CSV import. Every list is
// searched and paged on the server (q, limit, offset → {items, total}), so it works the same over any size.
import { api, errorText, withQuery } from '../api.js';
import { combobox } from '../combobox.js';
import { field, h, mount, select } from '../dom.js';
import { CHANNEL_LABELS, CHANNELS, dateTime, money, quantity } from '../format.js';
import { describeCustomer, searchCustomers } from '../lookups.js';
import { names } from '../names.js';
import { pager } from './exceptions.js';

const PAGE = 25;
const TABS = /** @type {Array<[string, string]>} */ ([
  ['users', 'Users'],
  ['partners', 'Trading partners'],
  ['customers', 'Customers'],
  ['products', 'Products'],
  ['price-rules', 'Price rules'],
  ['stock', 'Stock'],
  ['import', 'CSV import'],
]);

/** @typedef {{ navigate: Function, query: URLSearchParams, flash: (t: string, k?: string) => void, user: any }} Ctx */

/**
 * @param {HTMLElement} main
 * @param {{ tab?: string }} params
 * @param {Ctx} ctx
 */
export async function render(main, { tab = 'users' }, ctx) {
  const body = h('div');
  const title = TABS.find(([k]) => k === tab)?.[1] ?? 'Users';
  mount(
    main,
    h('h1', {}, `Master data: ${title}`),
    h(
      'nav',
      { 'aria-label': 'Master data' },
      h(
        'ul',
        { class: 'tabs' },
        TABS.map(([key, label]) => h('li', {}, h('a', { href: `/admin/${key}`, 'aria-current': key === tab ? 'page' : null }, label))),
      ),
    ),
    body,
  );
  const view = /** @type {Record<string, (el: HTMLElement, ctx: Ctx) => Promise<void>>} */ ({
    users,
    partners,
    customers,
    products,
    'price-rules': priceRules,
    stock,
    import: importCsv,
  })[tab];
  await (view ?? users)(body, ctx);
}

/**
 * A searchable, paged table: the query string keeps q and offset, so Back and reload land on the same page.
 * @param {HTMLElement} el
 * @param {Ctx} ctx
 * @param {{ path: string, columns: string[], row: (item: any, names: Map<string, string | null>) => any[], search?: string, refs?: (item: any) => Array<string | null>, label: string, extra?: Record<string, string> }} o
 */
async function table(el, ctx, o) {
  const q = ctx.query.get('q') ?? '';
  const offset = Number(ctx.query.get('offset') ?? 0);
  const input = h('input', { type: 'search', value: q, autocomplete: 'off' });
  const results = h('div', { 'aria-live': 'polite' });
  const go = (/** @type {number} */ off = 0) =>
    ctx.navigate(withQuery(location.pathname, { q: input.value.trim(), offset: off || '' }), { replace: true });
  mount(
    el,
    o.search
      ? h(
          'form',
          {
            class: 'filters',
            role: 'search',
            'aria-label': `Filter ${o.label}`,
            onsubmit: (/** @type {Event} */ e) => (e.preventDefault(), go()),
          },
          field(`Search ${o.label}`, input, o.search),
          h('button', { type: 'submit' }, 'Search'),
        )
      : null,
    results,
  );
  try {
    const page = await api.get(withQuery(o.path, { ...(o.search ? { q } : {}), ...(o.extra ?? {}), limit: PAGE, offset }));
    const resolved = o.refs ? await names(page.items.flatMap(o.refs)) : new Map();
    mount(
      results,
      h('p', { class: 'summary' }, `${page.total} ${o.label}${q ? ` matching “${q}”` : ''}`),
      page.items.length
        ? h(
            'table',
            { class: 'grid compact' },
            h('caption', { class: 'sr-only' }, o.label),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                o.columns.map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              page.items.map((/** @type {any} */ item) =>
                h(
                  'tr',
                  {},
                  o.row(item, resolved).map((v) => h('td', {}, v)),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'Nothing here yet.'),
      pager(page.total, offset, go, PAGE),
    );
  } catch (error) {
    mount(results, h('p', { role: 'alert', class: 'error' }, errorText(error)));
  }
}

/**
 * A create form in a panel: `build` returns the fields and the body to send.
 * @param {string} title
 * @param {HTMLElement[]} fields
 * @param {() => Promise<string | void>} submit resolves to the message shown
 * @param {Ctx} ctx
 */
function createPanel(title, fields, submit, ctx) {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, title);
  return h(
    'details',
    { class: 'panel create' },
    h('summary', {}, title),
    h(
      'form',
      {
        'aria-label': title,
        onsubmit: async (/** @type {Event} */ e) => {
          e.preventDefault();
          error.textContent = '';
          button.disabled = true;
          try {
            const message = await submit();
            if (message) ctx.flash(message);
            ctx.navigate(location.pathname + location.search, { replace: true, keepFlash: true });
          } catch (err) {
            error.textContent = errorText(err);
            button.disabled = false;
          }
        },
      },
      h('div', { class: 'row' }, fields),
      error,
      button,
    ),
  );
}

/** Shows a secret once, in a dialog the admin closes after copying it. @param {string} title @param {string} text @param {string} secret */
function showSecret(title, text, secret) {
  const dialog = h(
    'dialog',
    { 'aria-label': title },
    h('h2', {}, title),
    h('p', {}, text),
    h('p', {}, h('code', { class: 'secret', 'aria-label': title }, secret)),
    h('p', { class: 'muted' }, 'It is shown only this once.'),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'primary' }, 'Done')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

// ---- Users ----

/** @param {HTMLElement} el @param {Ctx} ctx */
async function users(el, ctx) {
  const email = h('input', { type: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', required: true, autocomplete: 'off' });
  const role = select(['operator', 'admin']);
  const password = h('input', { type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const list = h('div');
  mount(
    el,
    createPanel(
      'Create user',
      [
        field('Email', email),
        field('Name', name),
        field('Role', role),
        field('First password', password, 'At least 12 characters; they change it in Account.'),
      ],
      async () => {
        await api.post('/api/v1/users', { email: email.value.trim(), name: name.value.trim(), role: role.value, password: password.value });
        return `User ${email.value.trim()} created.`;
      },
      ctx,
    ),
    list,
  );
  await table(list, ctx, {
    path: '/api/v1/users',
    label: 'users',
    columns: ['Name', 'Email', 'Role', 'Status', 'Last sign-in', 'Actions'],
    row: (u) => {
      const roleSelect = select(
        ['operator', 'admin'].map((r) => ({ value: r, label: r, selected: r === u.role })),
        { 'aria-label': `Role of ${u.email}` },
      );
      roleSelect.addEventListener(
        'change',
        () => void act(() => api.patch(`/api/v1/users/${u.id}`, { role: roleSelect.value }), `${u.email} is now ${roleSelect.value}.`),
      );
      /** @param {() => Promise<unknown>} call @param {string} message */
      const act = async (call, message) => {
        try {
          await call();
          ctx.flash(message);
          ctx.navigate(location.pathname + location.search, { replace: true, keepFlash: true });
        } catch (error) {
          ctx.flash(errorText(error), 'error');
        }
      };
      return [
        u.name,
        u.email,
        roleSelect,
        u.disabled ? h('span', { class: 'status s-bad' }, 'disabled') : h('span', { class: 'status s-ok' }, 'active'),
        u.lastLoginAt ? dateTime(u.lastLoginAt) : 'never',
        h(
          'div',
          { class: 'cell-actions' },
          h(
            'button',
            {
              type: 'button',
              'aria-label': `${u.disabled ? 'Enable' : 'Disable'} ${u.email}`,
              onclick: () =>
                void act(
                  () => api.patch(`/api/v1/users/${u.id}`, { disabled: !u.disabled }),
                  `${u.email} ${u.disabled ? 'enabled' : 'disabled; their sessions ended'}.`,
                ),
            },
            u.disabled ? 'Enable' : 'Disable',
          ),
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Reset password of ${u.email}`,
              onclick: async () => {
                try {
                  const { password: secret } = await api.post(`/api/v1/users/${u.id}/reset-password`);
                  showSecret('New password', `Give ${u.name} this password; their sessions have ended.`, secret);
                } catch (error) {
                  ctx.flash(errorText(error), 'error');
                }
              },
            },
            'Reset password',
          ),
        ),
      ];
    },
  });
}

// ---- Trading partners ----

const PARTNER_DOCUMENTS = ['997', '999', 'TA1', '855', '856', '810', '865', '846'];

/** @param {HTMLElement} el @param {Ctx} ctx */
async function partners(el, ctx) {
  const name = h('input', { type: 'text', required: true });
  let customer = null;
  const customerPicker = combobox({
    label: 'Customer',
    search: searchCustomers,
    describe: describeCustomer,
    onPick: (c) => (customer = c),
  });
  const qualifier = h('input', { type: 'text', value: 'ZZ', size: 3, required: true });
  const isaId = h('input', { type: 'text', required: true, maxlength: 15 });
  const gsId = h('input', { type: 'text', required: true, maxlength: 15 });
  const version = select(['004010', '005010']);
  const docs = documentChecks(['997', '855', '810']);
  const list = h('div');
  mount(
    el,
    createPanel(
      'Create partner',
      [
        field('Partner name', name),
        customerPicker.root,
        field('ISA qualifier', qualifier),
        field('ISA id', isaId),
        field('GS id', gsId),
        field('X12 version', version),
        docs.root,
      ],
      async () => {
        if (!customer) throw new Error('Pick the customer the partner orders for.');
        const answer = await api.post('/api/v1/partners', {
          name: name.value.trim(),
          customerId: customer.id,
          isaQualifier: qualifier.value.trim(),
          isaId: isaId.value.trim(),
          gsId: gsId.value.trim(),
          version: version.value,
          documents: docs.value(),
        });
        showSecret('Partner API key', `${name.value.trim()} posts EDI with this key (header X-Api-Key).`, answer.apiKey);
        return `Partner ${name.value.trim()} created.`;
      },
      ctx,
    ),
    list,
  );
  await table(list, ctx, {
    path: '/api/v1/partners',
    label: 'trading partners',
    refs: (p) => [`customer:${p.customerId}`],
    columns: ['Name', 'Customer', 'Identity', 'Documents', 'Connection', 'Actions'],
    row: (p, resolved) => [
      h('strong', {}, p.name),
      resolved.get(`customer:${p.customerId}`) ?? '—',
      `${p.isaQualifier}/${p.isaId} · GS ${p.gsId} · ${p.version}`,
      (p.documents ?? []).join(', '),
      connectionText(p),
      h(
        'div',
        { class: 'cell-actions' },
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Rotate key of ${p.name}`,
            onclick: async () => {
              try {
                const answer = await api.post(`/api/v1/partners/${p.id}/rotate-key`);
                showSecret('New partner API key', `The old key of ${p.name} stopped working just now. Send them this one.`, answer.apiKey);
              } catch (error) {
                ctx.flash(errorText(error), 'error');
              }
            },
          },
          'Rotate key',
        ),
        h('button', { type: 'button', 'aria-label': `Edit ${p.name}`, onclick: () => editPartner(p, ctx) }, 'Edit'),
      ),
    ],
  });
}

/** How documents travel, and how that is going, when the hub says (H14's `connection`). @param {any} p */
function connectionText(p) {
  const c = p.connection ?? (p.destination ? { type: p.destination.kind } : { type: 'http' });
  const where = c.type === 'as2' ? ` ${c.as2Id ?? ''} ${c.url ?? ''}` : c.type === 'sftp' ? ` ${c.username ?? ''}@${c.host ?? ''}` : '';
  const status = p.connectionStatus ?? c.status;
  return h(
    'span',
    {},
    `${String(c.type).toUpperCase()}${where}`,
    status
      ? [
          ' ',
          h(
            'span',
            {
              class: `status s-${/ok|up|connected|delivered/i.test(status.state ?? status) ? 'ok' : /fail|down|error/i.test(status.state ?? status) ? 'bad' : 'neutral'}`,
            },
            typeof status === 'string'
              ? status
              : `${status.state ?? ''}${status.at ? ` ${dateTime(status.at)}` : ''}${status.error ? `: ${status.error}` : ''}`,
          ),
        ]
      : null,
  );
}

/** @param {string[]} chosen */
function documentChecks(chosen) {
  const boxes = PARTNER_DOCUMENTS.map((d) =>
    h('input', { type: 'checkbox', value: d, checked: chosen.includes(d), id: `doc-${d}-${Math.random().toString(36).slice(2, 7)}` }),
  );
  return {
    root: h(
      'fieldset',
      { class: 'docs' },
      h('legend', {}, 'Documents we send'),
      boxes.map((b) => h('span', { class: 'check' }, b, h('label', { for: b.id }, b.value))),
    ),
    value: () => boxes.filter((b) => b.checked).map((b) => b.value),
  };
}

/** @param {any} p @param {Ctx} ctx */
function editPartner(p, ctx) {
  const name = h('input', { type: 'text', value: p.name, required: true });
  const docs = documentChecks(p.documents ?? []);
  const error = h('p', { class: 'error', role: 'alert' });
  const dialog = h(
    'dialog',
    { 'aria-label': `Edit ${p.name}` },
    h(
      'form',
      {
        onsubmit: async (/** @type {Event} */ e) => {
          e.preventDefault();
          try {
            await api.patch(`/api/v1/partners/${p.id}`, { name: name.value.trim(), documents: docs.value() });
            dialog.close();
            ctx.flash(`Partner ${name.value.trim()} saved.`);
            ctx.navigate(location.pathname + location.search, { replace: true, keepFlash: true });
          } catch (err) {
            error.textContent = errorText(err);
          }
        },
      },
      h('h2', {}, `Edit ${p.name}`),
      field('Partner name', name),
      docs.root,
      error,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Save'),
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Close'),
      ),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

// ---- Customers ----

/** @param {HTMLElement} el @param {Ctx} ctx */
async function customers(el, ctx) {
  const code = h('input', { type: 'text', required: true });
  const name = h('input', { type: 'text', required: true });
  const emails = h('input', { type: 'text', placeholder: 'buyer@example.com, @example.com' });
  const shipCode = h('input', { type: 'text', required: true });
  const shipName = h('input', { type: 'text', required: true });
  const city = h('input', { type: 'text' });
  const list = h('div');
  mount(
    el,
    createPanel(
      'Create customer',
      [
        field('Code', code),
        field('Name', name),
        field('Emails', emails, 'Comma separated; a domain like @example.com matches every sender there'),
        field('Ship-to code', shipCode),
        field('Ship-to name', shipName),
        field('City', city),
      ],
      async () => {
        await api.post('/api/v1/customers', {
          code: code.value.trim(),
          name: name.value.trim(),
          emails: splitList(emails.value),
          shipTo: [{ code: shipCode.value.trim(), name: shipName.value.trim(), city: city.value.trim() || undefined, isDefault: true }],
        });
        return `Customer ${name.value.trim()} created.`;
      },
      ctx,
    ),
    list,
  );
  await table(list, ctx, {
    path: '/api/v1/customers',
    label: 'customers',
    search: 'Code or email by prefix, name anywhere',
    columns: ['Code', 'Name', 'Emails', 'Ship-tos', 'Credit hold', 'More'],
    // The credit-hold cell shows the state and the button that changes it.
    row: (c) => [
      h('code', {}, c.code),
      c.name,
      (c.emails ?? []).join(', '),
      (c.shipTos ?? []).map((/** @type {any} */ s) => `${s.code}${s.isDefault ? ' (default)' : ''}`).join(', '),
      h(
        'div',
        { class: 'cell-actions' },
        c.creditHold ? h('span', { class: 'status s-bad' }, 'on hold') : h('span', { class: 'muted' }, 'no'),
        h(
          'button',
          {
            type: 'button',
            'aria-label': `${c.creditHold ? 'Release hold' : 'Put on hold'}: ${c.name}`,
            'aria-pressed': String(Boolean(c.creditHold)),
            onclick: async () => {
              try {
                await api.patch(`/api/v1/customers/${c.id}`, { creditHold: !c.creditHold });
                ctx.flash(`${c.name} is ${c.creditHold ? 'no longer' : 'now'} on credit hold.`);
                ctx.navigate(location.pathname + location.search, { replace: true, keepFlash: true });
              } catch (error) {
                ctx.flash(errorText(error), 'error');
              }
            },
          },
          c.creditHold ? 'Release hold' : 'Put on hold',
        ),
      ),
      h('button', { type: 'button', 'aria-label': `Details of ${c.name}`, onclick: () => void customerDetails(c, ctx) }, 'Details'),
    ],
  });
}

/** @param {string} text */
const splitList = (text) =>
  text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Ship-tos, emails and part numbers of one customer, with adding a ship-to and a part number. @param {any} c @param {Ctx} ctx */
async function customerDetails(c, ctx) {
  const parts = await api.get(withQuery(`/api/v1/customers/${c.id}/part-numbers`, { limit: 200 })).catch(() => ({ items: [], total: 0 }));
  const partNumber = h('input', { type: 'text', required: true });
  const sku = h('input', { type: 'text', required: true });
  const emails = h('input', { type: 'text', value: (c.emails ?? []).join(', ') });
  const shipCode = h('input', { type: 'text' });
  const shipName = h('input', { type: 'text' });
  const shipCity = h('input', { type: 'text' });
  const error = h('p', { class: 'error', role: 'alert' });
  const done = (/** @type {string} */ message) => {
    dialog.close();
    ctx.flash(message);
    ctx.navigate(location.pathname + location.search, { replace: true, keepFlash: true });
  };
  /** @param {() => Promise<unknown>} call @param {string} message */
  const run = async (call, message) => {
    error.textContent = '';
    try {
      await call();
      done(message);
    } catch (err) {
      error.textContent = errorText(err);
    }
  };
  const dialog = h(
    'dialog',
    { 'aria-label': c.name },
    h('h2', {}, `${c.name} (${c.code})`),
    h('h3', {}, 'Ship-tos'),
    h(
      'ul',
      {},
      (c.shipTos ?? []).map((/** @type {any} */ s) =>
        h('li', {}, `${s.code} — ${[s.name, s.address1, s.city, s.region, s.postalCode].filter(Boolean).join(', ')}`),
      ),
    ),
    h(
      'form',
      {
        class: 'row',
        'aria-label': 'Add a ship-to',
        onsubmit: (/** @type {Event} */ e) => (
          e.preventDefault(),
          void run(
            () =>
              api.patch(`/api/v1/customers/${c.id}`, {
                shipTo: [{ code: shipCode.value.trim(), name: shipName.value.trim(), city: shipCity.value.trim() || undefined }],
              }),
            `Ship-to ${shipCode.value.trim()} saved for ${c.name}.`,
          )
        ),
      },
      field('Ship-to code', shipCode),
      field('Ship-to name', shipName),
      field('City', shipCity),
      h('button', { type: 'submit' }, 'Add ship-to'),
    ),
    h(
      'form',
      {
        class: 'row',
        'aria-label': 'Emails',
        onsubmit: (/** @type {Event} */ e) => (
          e.preventDefault(),
          void run(() => api.patch(`/api/v1/customers/${c.id}`, { emails: splitList(emails.value) }), `Emails of ${c.name} saved.`)
        ),
      },
      field('Emails', emails),
      h('button', { type: 'submit' }, 'Save emails'),
    ),
    h('h3', {}, 'Part numbers'),
    parts.items.length
      ? h(
          'table',
          { class: 'grid compact' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Their part number'), h('th', { scope: 'col' }, 'Our sku'))),
          h(
            'tbody',
            {},
            parts.items.map((/** @type {any} */ p) => h('tr', {}, h('td', {}, p.partNumber), h('td', {}, h('code', {}, p.sku)))),
          ),
        )
      : h('p', { class: 'muted' }, 'None yet.'),
    h(
      'form',
      {
        class: 'row',
        'aria-label': 'Add a part number',
        onsubmit: (/** @type {Event} */ e) => (
          e.preventDefault(),
          void run(
            () => api.post(`/api/v1/customers/${c.id}/part-numbers`, { partNumber: partNumber.value.trim(), sku: sku.value.trim() }),
            `Part number ${partNumber.value.trim()} maps to ${sku.value.trim()}.`,
          )
        ),
      },
      field('Their part number', partNumber),
      field('Our sku', sku),
      h('button', { type: 'submit' }, 'Add part number'),
    ),
    error,
    h('form', { method: 'dialog' }, h('button', { type: 'submit' }, 'Close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

// ---- Products ----

/** @param {HTMLElement} el @param {Ctx} ctx */
async function products(el, ctx) {
  const sku = h('input', { type: 'text', required: true });
  const description = h('input', { type: 'text', required: true });
  const uom = h('input', { type: 'text', value: 'EA', size: 4, required: true });
  const listPrice = h('input', { type: 'text', inputmode: 'decimal', required: true });
  const caseOf = h('input', { type: 'text', inputmode: 'numeric', size: 4 });
  const list = h('div');
  mount(
    el,
    createPanel(
      'Create product',
      [
        field('SKU', sku),
        field('Description', description),
        field('Unit', uom),
        field('List price', listPrice),
        field('Each per case', caseOf, 'Optional: lets orders come in cases (CS)'),
      ],
      async () => {
        await api.post('/api/v1/products', {
          sku: sku.value.trim(),
          description: description.value.trim(),
          uom: uom.value.trim(),
          listPrice: listPrice.value.trim(),
          ...(caseOf.value.trim() ? { conversions: [{ uom: 'CS', factor: caseOf.value.trim() }] } : {}),
        });
        return `Product ${sku.value.trim()} created.`;
      },
      ctx,
    ),
    list,
  );
  await table(list, ctx, {
    path: '/api/v1/products',
    label: 'products',
    search: 'SKU, UPC or GTIN by prefix, description anywhere',
    columns: ['SKU', 'Description', 'Unit', 'Units', 'List price', 'Lead time', 'Status'],
    row: (p) => [
      h('code', {}, p.sku),
      p.description,
      p.uom,
      (p.conversions ?? []).map((/** @type {any} */ c) => `${c.uom} = ${quantity(c.factor)} ${p.uom}`).join(', '),
      priceEditor(p, ctx),
      p.leadTimeDays ? `${p.leadTimeDays} d` : '—',
      p.discontinued ? h('span', { class: 'status s-bad' }, 'discontinued') : h('span', { class: 'status s-ok' }, 'active'),
    ],
  });
}

/** The list price, editable in place. @param {any} p @param {Ctx} ctx */
function priceEditor(p, ctx) {
  const input = h('input', { type: 'text', inputmode: 'decimal', value: p.listPrice, size: 7, 'aria-label': `List price of ${p.sku}` });
  input.addEventListener('change', () => {
    void (async () => {
      try {
        await api.patch(`/api/v1/products/${encodeURIComponent(p.sku)}`, { listPrice: input.value.trim() });
        ctx.flash(`${p.sku} now lists at ${money(input.value.trim())}.`);
      } catch (error) {
        ctx.flash(errorText(error), 'error');
        input.value = p.listPrice;
      }
    })();
  });
  return input;
}

// ---- Price rules ----

/** @param {HTMLElement} el @param {Ctx} ctx */
async function priceRules(el, ctx) {
  const kind = select(['quantity-break', 'contract', 'promotion', 'channel']);
  const sku = h('input', { type: 'text', required: true });
  let customer = null;
  const customerPicker = combobox({
    label: 'Customer (optional)',
    search: searchCustomers,
    describe: describeCustomer,
    onPick: (c) => (customer = c),
  });
  const channel = select([{ value: '', label: 'Any channel' }, ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))]);
  const minQuantity = h('input', { type: 'text', inputmode: 'decimal', size: 6 });
  const price = h('input', { type: 'text', inputmode: 'decimal', size: 8 });
  const discount = h('input', { type: 'text', inputmode: 'decimal', size: 5 });
  const validFrom = h('input', { type: 'date' });
  const validTo = h('input', { type: 'date' });
  const description = h('input', { type: 'text' });
  const code = h('input', { type: 'text' });
  const list = h('div');
  mount(
    el,
    createPanel(
      'Add price rule',
      [
        field('Kind', kind),
        field('SKU', sku),
        customerPicker.root,
        field('Channel', channel),
        field('From quantity', minQuantity),
        field('Price', price, 'or a discount'),
        field('Discount %', discount),
        field('Valid from', validFrom),
        field('Valid until (exclusive)', validTo),
        field('Description', description),
        field('Code', code),
      ],
      async () => {
        const body = {
          kind: kind.value,
          sku: sku.value.trim(),
          ...(customer ? { customerId: customer.id } : {}),
          ...(channel.value ? { channel: channel.value } : {}),
          ...(minQuantity.value.trim() ? { minQuantity: minQuantity.value.trim() } : {}),
          ...(price.value.trim() ? { price: price.value.trim() } : {}),
          ...(discount.value.trim() ? { discountPercent: discount.value.trim() } : {}),
          ...(validFrom.value ? { validFrom: validFrom.value } : {}),
          ...(validTo.value ? { validTo: validTo.value } : {}),
          ...(description.value.trim() ? { description: description.value.trim() } : {}),
          ...(code.value.trim() ? { code: code.value.trim() } : {}),
        };
        await api.post('/api/v1/price-rules', body);
        return `Price rule for ${body.sku} added.`;
      },
      ctx,
    ),
    list,
  );
  await table(list, ctx, {
    path: '/api/v1/price-rules',
    label: 'price rules',
    search: 'SKU or code by prefix, description anywhere',
    refs: (r) => [r.customerId ? `customer:${r.customerId}` : null],
    columns: ['Rule', 'SKU', 'Kind', 'Who', 'From qty', 'Price', 'Valid', ''],
    row: (r, resolved) => [
      [r.description ? h('strong', {}, r.description) : '', ' ', r.code ? h('code', {}, r.code) : ''],
      h('code', {}, r.sku),
      r.kind,
      [
        r.customerId
          ? (resolved.get(`customer:${r.customerId}`) ?? 'a customer')
          : r.customerGroup
            ? `group ${r.customerGroup}`
            : 'everyone',
        r.channel ? ` · ${CHANNEL_LABELS[r.channel] ?? r.channel}` : '',
      ],
      r.minQuantity ? quantity(r.minQuantity) : '—',
      r.price ? money(r.price) : r.discountPercent ? `${quantity(r.discountPercent)}% off` : '—',
      r.validFrom || r.validTo
        ? `${r.validFrom ? String(r.validFrom).slice(0, 10) : '…'} – ${r.validTo ? String(r.validTo).slice(0, 10) : '…'}`
        : 'always',
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          'aria-label': `Delete rule ${r.code ?? r.description ?? r.id}`,
          onclick: async () => {
            try {
              await api.del(`/api/v1/price-rules/${r.id}`);
              ctx.flash('Price rule deleted.');
              ctx.navigate(location.pathname + location.search, { replace: true, keepFlash: true });
            } catch (error) {
              ctx.flash(errorText(error), 'error');
            }
          },
        },
        'Delete',
      ),
    ],
  });
}

// ---- Stock ----

/** @param {HTMLElement} el @param {Ctx} ctx */
async function stock(el, ctx) {
  const sku = h('input', { type: 'text', required: true });
  const warehouse = h('input', { type: 'text', value: 'MAIN', required: true });
  const onHand = h('input', { type: 'text', inputmode: 'decimal', required: true });
  const list = h('div');
  mount(
    el,
    createPanel(
      'Set on-hand count',
      [field('SKU', sku), field('Warehouse', warehouse), field('On hand', onHand)],
      async () => {
        await api.put(`/api/v1/inventory/${encodeURIComponent(sku.value.trim())}`, {
          warehouse: warehouse.value.trim(),
          onHand: onHand.value.trim(),
        });
        return `${sku.value.trim()} in ${warehouse.value.trim()}: ${onHand.value.trim()} on hand.`;
      },
      ctx,
    ),
    list,
  );
  await table(list, ctx, {
    path: '/api/v1/inventory',
    label: 'stock rows',
    search: 'SKU by prefix',
    columns: ['SKU', 'Warehouse', 'On hand', 'Reserved', 'Available', 'Counted'],
    row: (r) => [h('code', {}, r.sku), r.warehouse, quantity(r.onHand), quantity(r.reserved), quantity(r.available), dateTime(r.updatedAt)],
  });
}

// ---- CSV import ----

const IMPORT_KINDS = ['customers', 'products', 'price-rules', 'inventory', 'part-numbers'];

/** @param {HTMLElement} el @param {Ctx} ctx */
async function importCsv(el, ctx) {
  const kind = select(IMPORT_KINDS);
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  const text = h('textarea', { rows: 8, spellcheck: 'false', placeholder: 'sku,warehouse,onHand\nHW-1001,MAIN,120' });
  const preview = h('div', { 'aria-live': 'polite' });
  const importButton = h('button', { type: 'button', class: 'primary', disabled: true }, 'Import');
  let checked = '';
  file.addEventListener('change', () => {
    void (async () => {
      const f = file.files?.[0];
      if (f) text.value = await f.text();
    })();
  });
  text.addEventListener('input', () => {
    importButton.disabled = true;
    mount(preview);
  });
  kind.addEventListener('change', () => ((importButton.disabled = true), mount(preview)));
  const send = (/** @type {boolean} */ dryRun) =>
    api.post(withQuery('/api/v1/master-data/import', { kind: kind.value, dryRun: dryRun ? 'true' : '' }), text.value, {
      contentType: 'text/csv',
    });
  async function runPreview() {
    importButton.disabled = true;
    try {
      const result = await send(true);
      checked = kind.value + text.value;
      if (result.errors.length) {
        mount(
          preview,
          h(
            'p',
            { class: 'error' },
            `${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}: fix the file and preview again. Nothing was written.`,
          ),
          h(
            'table',
            { class: 'grid compact', 'aria-label': 'Import problems' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Row', 'Field', 'Problem'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              result.errors.map((/** @type {any} */ e) =>
                h('tr', {}, h('td', { class: 'num' }, e.row), h('td', {}, e.field), h('td', {}, e.message)),
              ),
            ),
          ),
        );
      } else {
        mount(
          preview,
          h('p', { class: 'preview-ok' }, `Ready: ${result.imported} new, ${result.updated} updated. Nothing is written until you import.`),
        );
        importButton.disabled = false;
      }
    } catch (error) {
      mount(preview, h('p', { role: 'alert', class: 'error' }, errorText(error)));
    }
  }
  importButton.addEventListener('click', () => {
    void (async () => {
      if (checked !== kind.value + text.value) return void runPreview();
      importButton.disabled = true;
      try {
        const result = await send(false);
        ctx.flash(`Imported: ${result.imported} new, ${result.updated} updated.`);
        ctx.navigate(location.pathname, { replace: true, keepFlash: true });
      } catch (error) {
        mount(preview, h('p', { role: 'alert', class: 'error' }, errorText(error)));
      }
    })();
  });
  mount(
    el,
    h(
      'div',
      { class: 'panel' },
      h(
        'p',
        {},
        'The header names the fields, as the API takes them. Preview checks every row against the data as it is now and writes nothing.',
      ),
      h('div', { class: 'row' }, field('What', kind), field('CSV file', file)),
      field('CSV', text),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void runPreview() }, 'Preview'), importButton),
      preview,
    ),
  );
}
