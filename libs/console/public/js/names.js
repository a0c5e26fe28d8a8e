// @ts-check
// Names for the ids that documents and histories carry (partner ids, user emails, customer ids), fetched in one
// request per screen and remembered for the session.
import { api } from './api.js';

/** @type {Map<string, string | null>} */
const known = new Map();

/**
 * Resolves references such as `partner:<id>`, `user:<email>`, `customer:<id>`; unknown ones map to null.
 * @param {Array<string | null | undefined>} refs
 * @returns {Promise<Map<string, string | null>>}
 */
export async function names(refs) {
  const wanted = [...new Set(refs.filter((r) => typeof r === 'string' && r.includes(':')))];
  const missing = wanted.filter((r) => !known.has(r));
  if (missing.length) {
    const query = new URLSearchParams();
    for (const r of missing) query.append('ref', r);
    try {
      const answer = await api.get(`/api/v1/names?${query}`);
      for (const r of missing) known.set(r, answer.names?.[r] ?? null);
    } catch {
      // Names are a courtesy: without them the reference itself is shown.
    }
  }
  return new Map(wanted.map((r) => [r, known.get(r) ?? null]));
}

/**
 * How a history actor reads: "Olivia Operator", "ACME Retail (EDI partner)", "the hub".
 * @param {string | null | undefined} actor
 * @param {Map<string, string | null>} resolved
 */
export function actorName(actor, resolved) {
  if (!actor) return 'unknown';
  if (actor === 'system') return 'the hub';
  const name = resolved.get(actor);
  if (actor.startsWith('partner:')) return name ? `${name} (EDI partner)` : 'an EDI partner';
  if (actor.startsWith('user:')) return name ?? actor.slice(5);
  if (actor.startsWith('customer:')) return name ?? 'a customer';
  if (actor.startsWith('channel:')) return `the ${actor.slice(8)} channel`;
  return name ?? actor;
}
