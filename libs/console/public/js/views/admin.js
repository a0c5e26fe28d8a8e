// @ts-check
// Master data at a glance, for administrators: users, customers and products (changes go through the API or import).
import { api, errorText } from '../api.js';
import { h, mount } from '../dom.js';
import { money } from '../format.js';

export async function render(main) {
  /** @type {Array<[string, string, string[], (item: any) => any[]]>} */
  const sections = [
    [
      'Users',
      '/api/v1/users?limit=200',
      ['Email', 'Name', 'Role', 'Disabled'],
      (u) => [u.email, u.name, u.role, u.disabled ? 'yes' : 'no'],
    ],
    [
      'Customers',
      '/api/v1/customers?limit=200',
      ['Code', 'Name', 'Group', 'Credit hold', 'Ship-tos'],
      (c) => [c.code, c.name, c.customerGroup ?? '', c.creditHold ? 'yes' : 'no', (c.shipTos ?? []).map((s) => s.code).join(', ')],
    ],
    [
      'Products',
      '/api/v1/products?limit=200',
      ['SKU', 'Description', 'UoM', 'List price'],
      (p) => [p.sku, p.description, p.uom, money(p.listPrice)],
    ],
  ];
  const boxes = sections.map(([title]) =>
    h('section', { 'aria-label': title }, h('h2', {}, title), h('p', { class: 'loading' }, 'Loading…')),
  );
  mount(main, h('h1', {}, 'Master data'), boxes);
  await Promise.all(
    sections.map(async ([title, path, columns, cells], i) => {
      const box = boxes[i];
      try {
        const page = await api.get(path);
        box.lastChild.replaceWith(
          h(
            'table',
            { class: 'grid compact' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                columns.map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              page.items.map((item) =>
                h(
                  'tr',
                  {},
                  cells(item).map((v) => h('td', {}, v)),
                ),
              ),
            ),
          ),
        );
      } catch (error) {
        mount(box, h('h2', {}, title), h('p', { role: 'alert', class: 'error' }, errorText(error)));
      }
    }),
  );
}
