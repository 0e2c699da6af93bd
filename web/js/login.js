// Sign-in: one form for every role; on success each role goes to its own page.
import { HOME, api, busy, clearErrors, session, setupChrome, showError, t } from './common.js';

setupChrome();
const form = document.getElementById('login-form');
const note = document.getElementById('login-note');
if (new URLSearchParams(location.search).has('expired')) note.textContent = t('login.expired');

const user = session.user();
if (user && session.token() && HOME[user.role]) location.replace(HOME[user.role]);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const username = form.username.value.trim();
  const password = form.password.value;
  const missing = [];
  if (!username) missing.push({ field: 'username', message: t('login.needUsername') });
  if (!password) missing.push({ field: 'password', message: t('login.needPassword') });
  if (missing.length) return showError(form, { code: 'VALIDATION_FAILED', details: missing, message: '' });
  try {
    const login = await busy(document.getElementById('login-submit'), document.getElementById('login-progress'), () =>
      api('POST', '/auth/login', { username, password }),
    );
    session.save(login);
    location.assign(HOME[login.user.role] || '/');
  } catch (err) {
    showError(form, err);
    form.password.focus();
  }
});
