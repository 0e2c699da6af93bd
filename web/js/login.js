// Sign-in: one form for every role; on success each role goes to its own page.
import { HOME, api, busy, clearErrors, session, setupChrome, showError, t } from './common.js';

setupChrome();
const form = document.getElementById('login-form');
const note = document.getElementById('login-note');
const params = new URLSearchParams(location.search);
if (params.has('expired')) note.textContent = params.has('draft') ? t('login.keepDraft') : t('login.expired');

/** Back to the page the session ended on (a path on this site only), else the role's own page. */
function destination(role) {
  const next = params.get('next');
  return next && next === HOME[role] ? next : HOME[role] || '/';
}

const user = session.user();
if (user && session.token() && HOME[user.role]) location.replace(destination(user.role));
else if (localStorage.getItem('care.canRefresh') === '1') void resume();

/** A senior back on her own phone days later: the refresh cookie signs her in without the form. */
async function resume() {
  try {
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!res.ok) return localStorage.removeItem('care.canRefresh');
    const data = await res.json();
    if (!data.user) data.user = await (await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${data.accessToken}` } })).json();
    if (!data.accessToken || !HOME[data.user.role]) return;
    session.save(data);
    location.replace(destination(data.user.role));
  } catch {
    // the form is there
  }
}

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
    location.assign(destination(login.user.role));
  } catch (err) {
    showError(form, err);
    form.password.focus();
  }
});
