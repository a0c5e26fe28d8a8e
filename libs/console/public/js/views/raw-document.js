// @ts-check
// A raw inbound document on its own page (linked from an order's source).
import { h, mount } from '../dom.js';
import { renderRawDocument } from '../source-view.js';

export async function render(main, { id }) {
  const body = h('div', { class: 'source' });
  mount(main, h('h1', {}, 'Source document'), body);
  return renderRawDocument(body, id);
}
