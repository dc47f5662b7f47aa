// Sign-in: user name and password against POST /api/session; 401 wrong, 423 locked.

import { signIn } from '../api.js';
import { h, put } from '../dom.js';
import { t } from '../i18n.js';

export function render(view, params, app) {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p.error', { role: 'alert' });
  const form = h('form.signin', {
    onsubmit: async (e) => {
      e.preventDefault();
      put(message);
      try {
        await signIn(user.value, pass.value);
        location.hash = '#/';
        app.refresh();
      } catch (err) {
        put(message, err.status === 423 ? t('signin.locked') : err.status === 401 ? t('signin.wrong') : err.message);
        pass.value = '';
      }
    },
  },
  h('h1', t('signin.title')),
  h('label.field', h('span', t('signin.user')), user),
  h('label.field', h('span', t('signin.password')), pass),
  h('button.primary', { type: 'submit', id: 'signin' }, t('signin.go')),
  message);
  put(view, form);
}
