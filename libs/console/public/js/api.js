// @ts-check
// The one door to the hub's API: same-origin fetch with the session cookie, and the CSRF token (held in memory
// only, never in storage) on every unsafe request.

let csrfToken = null;
let onUnauthenticated = () => {};

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} body
   */
  constructor(status, body) {
    const error = body?.error ?? {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || `HTTP.${status}`;
    this.details = error.details ?? {};
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended, the app shows the login screen. */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body] JSON, or a string sent as is with `contentType`
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 */
export async function request(method, path, body, { raw = false, quiet401 = false, contentType, keepalive = false } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : contentType ? /** @type {string} */ (body) : JSON.stringify(body),
    credentials: 'same-origin',
    keepalive,
  });
  if (response.status === 401 && !quiet401) onUnauthenticated();
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    throw new ApiError(response.status, payload);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** @typedef {{ raw?: boolean, quiet401?: boolean, contentType?: string, keepalive?: boolean }} RequestOptions */

export const api = {
  /** @param {string} path @param {RequestOptions} [options] */
  get: (path, options) => request('GET', path, undefined, options),
  /** @param {string} path @param {unknown} [body] @param {RequestOptions} [options] */
  post: (path, body = {}, options) => request('POST', path, body, options),
  /** @param {string} path @param {unknown} body */
  put: (path, body) => request('PUT', path, body),
  /** @param {string} path @param {unknown} body */
  patch: (path, body) => request('PATCH', path, body),
  /** @param {string} path @param {RequestOptions} [options] */
  del: (path, options) => request('DELETE', path, undefined, options),
};

/** Builds `path?k=v` from the non-empty entries of `params`. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** One line for the user: the server's message and its stable code. */
export function errorText(error) {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return String(error?.message ?? error);
}
