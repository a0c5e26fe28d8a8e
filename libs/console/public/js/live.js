// @ts-check
// One EventSource per tab for the hub's live stream: `queue` when exceptions change, `claims` when someone starts
// or stops working one. Views subscribe while they are shown.

/** @typedef {{ exceptionId: string, userId: string, name: string, since: string }} Claim */

/** @type {EventSource | null} */
let source = null;
/** @type {Set<(e: { type: string, data: any }) => void>} */
const listeners = new Set();
/** @type {Claim[]} */
let claims = [];

function open() {
  if (source) return;
  source = new EventSource('/api/v1/live');
  for (const type of ['queue', 'claims']) {
    source.addEventListener(type, (event) => {
      const data = JSON.parse(/** @type {MessageEvent} */ (event).data);
      if (type === 'claims') claims = data;
      for (const listener of listeners) listener({ type, data });
    });
  }
}

/**
 * @param {(e: { type: string, data: any }) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onLive(listener) {
  open();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The claims as last told. */
export function currentClaims() {
  return claims;
}

/** Signed out: stop listening (the stream would answer 401 and retry forever). */
export function closeLive() {
  source?.close();
  source = null;
  claims = [];
}
