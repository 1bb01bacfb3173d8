// Sign-in: login and password; wrong passwords and the lock-out are said in the person's language.
import * as api from '../api.js';
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { describe } from '../app.js';

export default async function signin(view, { onSignedIn }) {
  const login = h('input', { name: 'login', autocomplete: 'username', required: true, maxlength: 64, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256 });
  const message = h('p', { class: 'problem', id: 'signin-problem', role: 'alert' });
  const form = h('form', { class: 'card narrow', id: 'signin-form', novalidate: true },
    h('h2', { text: t('signin.title') }),
    field('signin-login', t('signin.login'), login),
    field('signin-password', t('signin.password'), password),
    message,
    h('button', { type: 'submit', class: 'primary', id: 'signin-submit', text: t('signin.submit') }),
    h('p', { class: 'hint', text: t('signin.demoHint') }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.textContent = '';
    try {
      const session = await api.signIn(login.value.trim(), password.value);
      await onSignedIn(session);
    } catch (error) {
      message.textContent = describe(error);
      password.value = '';
      password.focus();
    }
  });
  view.append(form);
  login.focus();
  return null;
}
