// @ts-check
// Sign-in form. The answer's csrfToken stays in memory; the session itself is the HttpOnly cookie.
import { api, errorText } from '../api.js';
import { field, h, mount } from '../dom.js';

export function renderLogin(main, onSignedIn) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  const form = h(
    'form',
    {
      class: 'login card',
      'aria-labelledby': 'login-title',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        submit.disabled = true;
        try {
          const session = await api.post('/api/v1/auth/login', { email: email.value.trim(), password: password.value }, { quiet401: true });
          await onSignedIn(session);
        } catch (e) {
          error.textContent = e.status === 401 ? 'Wrong email or password.' : errorText(e);
          password.select();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h1', { id: 'login-title' }, 'Sign in to OrderHub'),
    field('Email', email),
    field('Password', password),
    error,
    submit,
  );
  mount(main, form);
  email.focus();
}
