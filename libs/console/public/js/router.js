// @ts-check
// History-API routing: the server answers index.html for every page address, the app picks the view here.

const routes = [];

/** route('/orders/:id', loader): `loader` resolves to a view module's `render(main, params, ctx)`. */
export function route(pattern, load, { admin = false } = {}) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), '([^/]+)'));
  routes.push({ regex: new RegExp(`^${source}/?$`), names, load, admin });
}

export function match(pathname) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (m) return { ...r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

/** Same-origin links navigate inside the app; modified clicks (new tab) and downloads are left to the browser. */
export function interceptLinks(navigate) {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(a instanceof HTMLAnchorElement)) return;
    if (a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
