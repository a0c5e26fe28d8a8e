// @ts-check
// Console shell: session, navigation, routing and the message area. Views live in ./js/views, one per screen.
import { api, ApiError, errorText, setCsrfToken, whenUnauthenticated } from './js/api.js';
import { h, mount } from './js/dom.js';
import { closeLive, onLive } from './js/live.js';
import { interceptLinks, match, route } from './js/router.js';
import { renderLogin } from './js/views/login.js';

route('/', () => import('./js/views/exceptions.js'));
route('/exceptions', () => import('./js/views/exceptions.js'));
route('/exceptions/:id', () => import('./js/views/exception-detail.js'));
route('/phone', () => import('./js/views/phone-order.js'));
route('/orders', () => import('./js/views/orders.js'));
route('/orders/:id', () => import('./js/views/order-detail.js'));
route('/documents/:id', () => import('./js/views/raw-document.js'));
route('/dashboard', () => import('./js/views/dashboard.js'));
route('/admin', () => import('./js/views/admin.js'), { admin: true });
route('/admin/:tab', () => import('./js/views/admin.js'), { admin: true });
route('/inbound', () => import('./js/views/inbound.js'));
route('/inbound/:id', () => import('./js/views/inbound.js'));
route('/account', () => import('./js/views/account.js'));

const main = document.getElementById('main');
const header = /** @type {HTMLElement} */ (document.querySelector('header.top'));
const flashArea = document.getElementById('flash');
let user = null;
let cleanup = null;

/** A message for the user: `error` ones interrupt (role=alert), others are announced politely. */
function flash(text, kind = 'info') {
  const note = h(
    'p',
    { class: `note ${kind}`, role: kind === 'error' ? 'alert' : null },
    text,
    ' ',
    h('button', { type: 'button', class: 'quiet', 'aria-label': 'Dismiss message', onclick: () => note.remove() }, '×'),
  );
  flashArea.replaceChildren(note);
}

function clearFlash() {
  flashArea.replaceChildren();
}

function navigate(path, { replace = false, keepFlash = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  if (!keepFlash) clearFlash();
  void render();
}

let renderSeq = 0;
let shownSeq = 0;

async function render() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const mine = ++renderSeq;
  if (!user) return showLogin();
  const found = match(location.pathname);
  markCurrentNav();
  if (!found || (found.admin && user.role !== 'admin')) {
    mount(
      main,
      h('h1', {}, 'Not found'),
      h('p', {}, 'There is no such page. ', h('a', { href: '/exceptions' }, 'Go to the exceptions queue')),
    );
    return;
  }
  try {
    const view = await found.load();
    mount(main);
    const done = await view.render(main, found.params, { user, navigate, flash, query: new URLSearchParams(location.search) });
    if (mine !== renderSeq) {
      // A page left while it was still loading finished late and may have drawn over the newer one: drop it, and
      // draw the newer page again if that one had already finished.
      if (typeof done === 'function') done();
      if (shownSeq === renderSeq) void render();
      return;
    }
    shownSeq = mine;
    cleanup = done;
    const heading = main.querySelector('h1');
    if (heading) document.title = `${heading.textContent} · OrderHub`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    mount(main, h('h1', {}, 'Something went wrong'), h('p', { role: 'alert' }, errorText(error)));
  }
}

function markCurrentNav() {
  for (const a of header.querySelectorAll('nav a')) {
    if (!(a instanceof HTMLAnchorElement)) continue;
    const here =
      location.pathname === a.pathname ||
      location.pathname.startsWith(`${a.pathname}/`) ||
      (location.pathname === '/' && a.pathname === '/exceptions');
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** @type {(() => void) | null} */
let stopCount = null;

/** @param {any} session */
function signedIn(session) {
  user = session.user;
  // The open-exceptions count in the menu, live for everyone signed in.
  stopCount ??= onLive((e) => {
    if (e.type === 'queue') document.getElementById('open-count').textContent = e.data.open ? String(e.data.open) : '';
  });
  setCsrfToken(session.csrfToken);
  header.hidden = false;
  document.getElementById('who').textContent = `${user.name || user.email} · ${user.role}`;
  for (const el of header.querySelectorAll('[data-role="admin"]')) /** @type {HTMLElement} */ (el).hidden = user.role !== 'admin';
}

function signedOut() {
  user = null;
  stopCount?.();
  stopCount = null;
  closeLive();
  document.getElementById('open-count').textContent = '';
  setCsrfToken(null);
  header.hidden = true;
}

function showLogin() {
  signedOut();
  document.title = 'Sign in · OrderHub';
  renderLogin(main, async (session) => {
    signedIn(session);
    clearFlash();
    if (location.pathname === '/login') history.replaceState(null, '', '/exceptions');
    await render();
  });
}

async function logout() {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    // Already gone: the outcome is the same.
  }
  signedOut();
  history.replaceState(null, '', '/');
  flash('You are signed out.');
  showLogin();
}

async function start() {
  whenUnauthenticated(() => {
    if (!user) return;
    flash('Your session has ended. Please sign in again.', 'error');
    showLogin();
  });
  interceptLinks((path) => navigate(path));
  window.addEventListener('popstate', () => void render());
  document.getElementById('logout').addEventListener('click', () => void logout());
  try {
    // After a reload the HttpOnly cookie is all we have: /me answers who we are and the CSRF token again.
    signedIn(await api.get('/api/v1/auth/me', { quiet401: true }));
  } catch {
    signedOut();
  }
  await render();
}

void start();
