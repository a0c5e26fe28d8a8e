// @ts-check
// Price rules by name: a quote or an order line names the rules by id with the engine's wording; operators know
// them by their own description and code, fetched once per rule.
import { api } from './api.js';
import { h } from './dom.js';

const cache = new Map();

function ruleById(id) {
  if (!cache.has(id))
    cache.set(
      id,
      api.get(`/api/v1/price-rules/${encodeURIComponent(id)}`).catch(() => null),
    );
  return cache.get(id);
}

/** <li>: the rule's own name and code once known, then what the engine did with it. */
export function appliedRuleItem(applied, detail = '') {
  const name = h('span', { class: 'rule-name' });
  const item = h('li', {}, name, h('span', { class: 'muted' }, `${applied.description || applied.kind}${detail}`));
  void ruleById(applied.ruleId).then((rule) => {
    if (!rule) return;
    name.replaceChildren(
      rule.description ? h('strong', {}, rule.description) : '',
      ' ',
      rule.code ? h('code', {}, rule.code) : '',
      h('br'),
    );
  });
  return item;
}
