// @ts-check
// Your own account: who you are, and your password (every user changes their own; admins reset others').
import { api, errorText } from '../api.js';
import { field, h, mount } from '../dom.js';

/**
 * @param {HTMLElement} main
 * @param {unknown} _params
 * @param {{ user: any, flash: (t: string, k?: string) => void }} ctx
 */
export async function render(main, _params, { user, flash }) {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  mount(
    main,
    h('h1', {}, 'Your account'),
    h(
      'dl',
      { class: 'meta wide' },
      h('dt', {}, 'Name'),
      h('dd', {}, user.name || '—'),
      h('dt', {}, 'Email'),
      h('dd', {}, user.email),
      h('dt', {}, 'Role'),
      h('dd', {}, user.role),
    ),
    h(
      'form',
      {
        class: 'panel login-like',
        'aria-label': 'Change your password',
        onsubmit: async (/** @type {Event} */ e) => {
          e.preventDefault();
          error.textContent = '';
          if (next.value !== again.value) {
            error.textContent = 'The new password and its repetition differ.';
            return again.focus();
          }
          button.disabled = true;
          try {
            await api.post('/api/v1/auth/password', { currentPassword: current.value, newPassword: next.value });
            for (const input of [current, next, again]) input.value = '';
            flash('Your password was changed. Your other sessions were signed out; this one stays signed in.');
          } catch (err) {
            error.textContent = errorText(err);
          } finally {
            button.disabled = false;
          }
        },
      },
      h('h2', {}, 'Change your password'),
      field('Current password', current),
      field('New password', next, 'At least 12 characters. A few unrelated words make a good one.'),
      field('New password again', again),
      error,
      button,
    ),
  );
}
