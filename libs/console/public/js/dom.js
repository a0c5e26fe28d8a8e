// @ts-check
// Builds DOM nodes from data without ever parsing it as HTML: text goes in as text nodes, so nothing needs escaping.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** @typedef {Record<string, unknown> | null} Attrs */
/** @typedef {Node | string | number | boolean | null | undefined | Array<any>} Child */

/**
 * h('button', { type: 'button', onclick: fn, class: 'primary' }, 'Save') → <button>. Attributes starting with "on"
 * become listeners; `null`/`false` attributes and children are skipped; strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/**
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  return /** @type {SVGElement} */ (build(document.createElementNS(SVG_NS, tag), attrs, children));
}

/**
 * @template {Element} E
 * @param {E} el
 * @param {Attrs} attrs
 * @param {Child[]} children
 * @returns {E}
 */
function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'dataset') Object.assign(/** @type {HTMLElement} */ (/** @type {unknown} */ (el)).dataset, value);
    else if (key === 'value' && 'value' in el) /** @type {HTMLInputElement} */ (/** @type {unknown} */ (el)).value = text(value);
    else if (key === 'checked' || key === 'selected') /** @type {any} */ (el)[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : text(value));
  }
  append(el, children);
  return el;
}

/**
 * Attribute values are strings, numbers or booleans; anything else is a programming error shown as JSON.
 * @param {unknown} value
 */
function text(value) {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * @param {Element} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces an element's content.
 * @template {Element} E
 * @param {E} el
 * @param {...Child} children
 * @returns {E}
 */
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
/**
 * @param {string} label
 * @param {HTMLElement} control
 * @param {Child} [hint]
 */
export function field(label, control, hint) {
  if (!control.id) control.id = nextId();
  const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/**
 * @param {Array<string | { value: string, label: string, selected?: boolean }>} options
 * @param {Attrs} [attrs]
 */
export function select(options, attrs = {}) {
  return h(
    'select',
    attrs,
    options.map((o) =>
      typeof o === 'string' ? h('option', { value: o }, o) : h('option', { value: o.value, selected: o.selected }, o.label),
    ),
  );
}

/**
 * @template {unknown[]} A
 * @param {(...args: A) => unknown} fn
 * @param {number} ms
 * @returns {(...args: A) => void}
 */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
