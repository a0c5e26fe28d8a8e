// @ts-check
// The status badge an operator can trust: the order status, refined by what its lines say (an order "accepted"
// with every unit backordered is, for the person on the phone, backordered).
import { h } from './dom.js';

/** @typedef {{ ordered?: string, accepted?: string, backordered?: string, shipped?: string }} Fulfilment */

const LABELS = /** @type {Record<string, string>} */ ({
  received: 'received',
  flagged: 'in review',
  accepted: 'accepted',
  'partially-backordered': 'partially backordered',
  backordered: 'backordered',
  'partially-shipped': 'partially shipped',
  shipped: 'shipped',
  invoiced: 'invoiced',
  cancelled: 'cancelled',
  closed: 'closed',
});

/**
 * @param {string} status the order's status
 * @param {Fulfilment | null | undefined} f line quantities summed
 * @returns {string} a key of LABELS
 */
export function displayStatus(status, f) {
  if (status !== 'accepted' || !f) return status;
  const backordered = Number(f.backordered ?? 0);
  const ordered = Number(f.ordered ?? 0);
  if (backordered <= 0) return status;
  return backordered >= ordered ? 'backordered' : 'partially-backordered';
}

/**
 * @param {string} status
 * @param {Fulfilment | null} [f]
 */
export function statusBadge(status, f) {
  const shown = displayStatus(status, f);
  return h('span', { class: `status s-${shown}` }, LABELS[shown] ?? shown);
}

/** Outbound document delivery, in words that do not alarm when nothing was meant to be sent. */
const DELIVERY = /** @type {Record<string, { label: string, tone: string }>} */ ({
  pending: { label: 'queued', tone: 'pending' },
  queued: { label: 'queued', tone: 'pending' },
  sent: { label: 'sent', tone: 'ok' },
  delivered: { label: 'delivered', tone: 'ok' },
  failed: { label: 'failed', tone: 'bad' },
});

/**
 * @param {{ status: string, kind?: string, error?: string | null, lastError?: string | null }} d
 */
export function deliveryBadge(d) {
  // "undeliverable" with no mail server configured is a setting, not a failure: say so, in neutral colours.
  const reason = d.lastError ?? d.error ?? '';
  if (d.status === 'undeliverable' && (/SMTP|mail server|not configured/i.test(reason) || d.kind === 'email')) {
    return h('span', { class: 'status s-neutral' }, 'not sent: no SMTP configured');
  }
  const known = DELIVERY[d.status];
  return h('span', { class: `status s-${known?.tone ?? d.status}` }, known?.label ?? d.status);
}
