// @ts-check
// Search-as-you-type with the ARIA combobox pattern: type, arrow through options, Enter picks, Escape closes.
import { debounce, h, mount, nextId } from './dom.js';

/**
 * @param {object} o
 * @param {string} o.label            visible label of the input
 * @param {(q: string) => Promise<any[]>} o.search
 * @param {(item: any) => string} o.describe   option text
 * @param {(item: any) => string} [o.display]  input text once picked (defaults to describe)
 * @param {(item: any|null) => void} o.onPick
 * @param {string} [o.placeholder]
 * @param {string} [o.hint]
 */
export function combobox({ label, search, describe, display = describe, onPick, placeholder = '', hint }) {
  const listId = nextId('list');
  const input = h('input', {
    id: nextId('cb'),
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'options', 'aria-label': label, hidden: true });
  const status = h('span', { class: 'sr-only', role: 'status' });
  let items = [];
  let active = -1;
  let picked = null;
  let seq = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    const current = list.children[index];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    }
  }

  function pick(item) {
    picked = item;
    input.value = item ? display(item) : '';
    close();
    onPick(item);
  }

  const run = debounce(
    /** @param {string} q */ async (q) => {
      const mine = ++seq;
      let found = [];
      try {
        found = await search(q);
      } catch (error) {
        status.textContent = `Search failed: ${error.message}`;
      }
      if (mine !== seq) return; // a newer keystroke answered first
      items = found;
      mount(
        list,
        items.map((item, i) =>
          h(
            'li',
            {
              id: `${listId}-${i}`,
              role: 'option',
              'aria-selected': 'false',
              onmousedown: (e) => {
                e.preventDefault(); // keep focus in the input
                pick(item);
              },
            },
            describe(item),
          ),
        ),
      );
      status.textContent = items.length ? `${items.length} results` : 'No results';
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
      if (items.length) highlight(0);
    },
    150,
  );

  input.addEventListener('input', () => {
    if (picked) {
      picked = null;
      onPick(null);
    }
    const q = input.value.trim();
    if (q.length === 0) return close();
    run(q);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden || items.length === 0) return;
    const moves = {
      ArrowDown: () => highlight((active + 1) % items.length),
      ArrowUp: () => highlight((active - 1 + items.length) % items.length),
      Enter: () => active >= 0 && pick(items[active]),
      Escape: close,
    };
    if (!moves[e.key]) return;
    e.preventDefault();
    moves[e.key]();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  const hintEl = hint ? h('small', { class: 'hint', id: `${input.id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const root = h('div', { class: 'field combobox' }, h('label', { for: input.id }, label), input, list, status, hintEl);
  return {
    root,
    input,
    get value() {
      return picked;
    },
    set(item) {
      picked = item;
      input.value = item ? display(item) : '';
    },
    focus: () => input.focus(),
  };
}
