// Builds DOM nodes from data without ever parsing it as HTML: text goes in as text nodes, so nothing needs escaping.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('button', { type: 'button', onclick: fn, class: 'primary' }, 'Save') → <button>. Attributes starting with "on"
 * become listeners; `null`/`false` attributes and children are skipped; strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' && 'value' in el) el.value = value;
    else if (key === 'checked' || key === 'selected') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** Ids for label/aria wiring. */
export function nextId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field: the label wraps nothing, it points at the control by id (screen readers and tests agree). */
export function field(label, control, hint) {
  if (!control.id) control.id = nextId();
  const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

export function select(options, attrs = {}) {
  return h(
    'select',
    attrs,
    options.map((o) =>
      typeof o === 'string' ? h('option', { value: o }, o) : h('option', { value: o.value, selected: o.selected }, o.label),
    ),
  );
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
