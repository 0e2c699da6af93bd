// Shared by every page: the session, API calls, language, text size and messages.
import { STRINGS } from './i18n.js';

const TOKEN = 'care.token';
const USER = 'care.user';
const LANG = 'care.lang';
const BIG = 'care.big';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  user() {
    try {
      return JSON.parse(sessionStorage.getItem(USER) || 'null');
    } catch {
      return null;
    }
  },
  save(login) {
    sessionStorage.setItem(TOKEN, login.accessToken);
    sessionStorage.setItem(USER, JSON.stringify(login.user));
    // The refresh token stays in its httpOnly cookie (30 days, sent only to /api/v1/auth): no script keeps
    // it, and tabs never hold a stale copy whose reuse would end the session. The sign-in page may try it next time.
    if (login.refreshToken) localStorage.setItem('care.canRefresh', '1');
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
  },
  /** Signing out: no silent renewal on the sign-in page afterwards. */
  forget() {
    this.clear();
    localStorage.removeItem('care.canRefresh');
  },
};

/** The page each role works in. */
export const HOME = { senior: '/senior', family: '/senior', caregiver: '/caregiver', centre_staff: '/staff', admin: '/staff', bureau_staff: '/bureau' };

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.code) || 'HTTP_' + status;
    this.details = (body && body.details) || [];
  }
}

const DRAFT = 'care.draft';
let draftSource = null;

/** A page with work in progress (a booking) hands it over here, so an ended session does not lose it. */
export function keepDraftWith(fn) {
  draftSource = fn;
}

/** The draft saved for this page before a sign-in, once (it is removed as it is read). */
export function takeDraft() {
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
    if (!draft || draft.path !== location.pathname) return null;
    sessionStorage.removeItem(DRAFT);
    return draft.data;
  } catch {
    return null;
  }
}

let refreshing = null;
/**
 * One renewal of the access token for all the requests that met a 401 at the same time: POST
 * /auth/refresh with the httpOnly refresh cookie, which the answer replaces with the next one.
 * False when the service has no refresh (404) or refuses it.
 */
function refreshSession() {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: '{}',
      });
      if (!res.ok) return false;
      const data = await res.json().catch(() => null);
      if (!data || !data.accessToken) return false;
      session.save({ ...data, user: data.user || session.user() });
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

/** The session is over: keep the page's draft for after sign-in, then go to the sign-in page. */
function sessionEnded() {
  try {
    const data = draftSource ? draftSource() : null;
    if (data) sessionStorage.setItem(DRAFT, JSON.stringify({ path: location.pathname, data }));
  } catch {
    // a draft that cannot be saved is not worth stopping for
  }
  const draft = sessionStorage.getItem(DRAFT) ? '&draft=1' : '';
  session.clear();
  location.assign(`/?expired=1${draft}&next=${encodeURIComponent(location.pathname)}`);
}

async function call(method, path, body, headers = {}, retried = false) {
  const h = { accept: 'application/json', ...headers };
  const token = session.token();
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers: h, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'network' });
  }
  if (res.status === 401 && !path.startsWith('/auth/login') && !path.startsWith('/auth/refresh')) {
    if (!retried && (await refreshSession())) return call(method, path, body, headers, true);
    sessionEnded();
    // The page is leaving: keep callers from drawing an error meanwhile.
    await new Promise(() => undefined);
  }
  return res;
}

export async function api(method, path, body, headers) {
  const res = await call(method, path, body, headers);
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Downloads a report as a file: the link needs the bearer token, so it is fetched, then saved. */
export async function download(path, filename) {
  const res = await call('GET', path);
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

// ---- language -------------------------------------------------------------------------------
export const lang = () => (localStorage.getItem(LANG) === 'en' ? 'en' : 'zh');

export function t(key, vars = {}) {
  const text = STRINGS[lang()][key] ?? STRINGS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** Static texts carry data-i18n="key" (text) or data-i18n-label="key" (aria-label). */
export function applyTexts(root = document) {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
}

/** Wires the language and larger-text switches in the header; `rerender` redraws dynamic parts. */
export function setupChrome(rerender = () => undefined) {
  const html = document.documentElement;
  html.classList.toggle('big', localStorage.getItem(BIG) === '1');
  applyTexts();
  const langBtn = document.getElementById('lang-switch');
  const bigBtn = document.getElementById('big-switch');
  const outBtn = document.getElementById('sign-out');
  const sync = () => {
    if (langBtn) langBtn.textContent = lang() === 'en' ? '中文' : 'English';
    if (bigBtn) bigBtn.setAttribute('aria-pressed', String(html.classList.contains('big')));
  };
  sync();
  langBtn?.addEventListener('click', () => {
    localStorage.setItem(LANG, lang() === 'en' ? 'zh' : 'en');
    applyTexts();
    sync();
    rerender();
  });
  bigBtn?.addEventListener('click', () => {
    html.classList.toggle('big');
    localStorage.setItem(BIG, html.classList.contains('big') ? '1' : '0');
    sync();
  });
  outBtn?.addEventListener('click', async () => {
    // Ends the refresh token too where the service has it; signing out never waits on an answer.
    await Promise.race([
      fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin', headers: session.token() ? { authorization: `Bearer ${session.token()}` } : {} }).catch(() => undefined),
      new Promise((r) => setTimeout(r, 1500)),
    ]);
    session.forget();
    location.assign('/');
  });
}

/** The signed-in user if their role may use this page; otherwise back to sign-in. */
export function requireRole(roles) {
  const user = session.user();
  if (!user || !session.token() || !roles.includes(user.role)) {
    location.replace('/');
    return null;
  }
  const who = document.getElementById('who');
  if (who) who.textContent = user.displayName;
  return user;
}

// ---- calling the centre -------------------------------------------------------------------
let centre = null;

/**
 * The senior's own centre ({ name, phone }): every call button on the page, and every error
 * shown after this, offers to call it.
 */
export function setCentre(facility) {
  centre = facility && facility.phone ? { name: facility.name, phone: facility.phone } : null;
  for (const box of document.querySelectorAll('[data-call-centre]')) box.replaceChildren(...(centre ? [callButton()] : []));
}

/** A large tel: link to the centre ("打电话给服务中心" and the number), or null when no number is known. */
export function callButton(label = t('call.centre'), phone = centre && centre.phone) {
  if (!phone) return null;
  return el('a', { class: 'btn call', href: 'tel:' + phone.replace(/[^\d+]/g, ''), 'data-call': phone }, el('span', { 'aria-hidden': 'true', text: '☎' }), ` ${label} `, el('span', { class: 'call-number', text: phone }));
}

/** An error box's text, then the call button, so the senior always has someone to ask. */
function fillErrorBox(box, text) {
  box.textContent = text;
  const call = text ? callButton() : null;
  if (call) box.append(' ', call);
}

// ---- messages ------------------------------------------------------------------------------
/** Plain words for an API error: our own text for known codes, else the API's message. */
export function explain(err) {
  if (!err || !err.code) return t('err.UNKNOWN');
  const key = 'err.' + err.code;
  const text = t(key);
  if (text !== key) return text;
  // The API's own message is English: a Chinese page says a Chinese sentence instead.
  if (lang() === 'zh' && !/[\u4e00-\u9fff]/.test(err.message || '')) return t('err.UNKNOWN');
  return err.message || t('err.UNKNOWN');
}

/** A field's message: the API's words in English, our words for the code in Chinese. */
function fieldMessage(err, d) {
  if (lang() === 'en' || /[\u4e00-\u9fff]/.test(d.message || '')) return d.message;
  const key = 'err.' + err.code;
  return err.code !== 'VALIDATION_FAILED' && t(key) !== key ? t(key) : t('err.VALIDATION_FAILED');
}

function errorSlot(input) {
  const id = input.id + '-error';
  let slot = document.getElementById(id);
  if (!slot) {
    slot = document.createElement('p');
    slot.id = id;
    slot.className = 'field-error';
    slot.setAttribute('role', 'alert');
    input.closest('.field, fieldset, .choice')?.after?.(slot);
    if (!slot.isConnected) input.after(slot);
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  }
  return slot;
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const box of form.querySelectorAll('.form-error')) box.replaceChildren();
}

/**
 * Shows an API error next to the fields at fault (details[].field matched against data-field or
 * name), and in the form's message box in plain words.
 */
export function showError(form, err) {
  clearErrors(form);
  const box = form.querySelector('.form-error');
  let placed = false;
  for (const d of (err && err.details) || []) {
    const top = String(d.field).split('.')[0];
    const input = form.querySelector(`[data-field="${d.field}"], [name="${d.field}"], [data-field="${top}"], [name="${top}"]`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const message = fieldMessage(err, d);
    errorSlot(input).textContent = t('field.' + top) !== 'field.' + top ? `${t('field.' + top)}: ${message}` : message;
    placed = true;
  }
  const text = explain(err);
  if (box) fillErrorBox(box, text);
  else if (!placed) alertBox(form, text);
}

function alertBox(form, text) {
  const p = document.createElement('p');
  p.className = 'msg bad form-error';
  p.setAttribute('role', 'alert');
  fillErrorBox(p, text);
  form.append(p);
}

/** A message on its own in a page area: a new message replaces every older one in `areas`. */
export function say(areas, target, text, { call = false } = {}) {
  for (const a of areas) if (a !== target) a.replaceChildren();
  if (!target) return;
  if (call) fillErrorBox(target, text);
  else target.textContent = text;
}

/** Runs a long action: the button is disabled and a progress line says what is happening. */
export async function busy(button, statusEl, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (statusEl) statusEl.textContent = t('busy');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    if (statusEl) statusEl.textContent = '';
  }
}

// ---- small helpers -----------------------------------------------------------------------
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;
export const clock = (iso) => iso.slice(11, 16);
export const dateOf = (iso) => iso.slice(0, 10);

/** Today (or today + n days) in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiDate(plusDays = 0) {
  const d = new Date(Date.now() + plusDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function weekdayName(date) {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return t('wd.' + wd);
}

/** Great-circle distance in km, for "near the senior". */
export function km(a, b) {
  const rad = (x) => (x * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function serviceName(svc) {
  return svc ? (lang() === 'en' ? svc.nameEn : svc.nameZh) : '';
}

export function statusText(status) {
  return t('status.' + status);
}

export async function listAll(path) {
  const sep = path.includes('?') ? '&' : '?';
  const first = await api('GET', `${path}${sep}page=1&pageSize=200`);
  const items = [...first.items];
  for (let page = 2; items.length < first.total && page <= 20; page++) {
    const next = await api('GET', `${path}${sep}page=${page}&pageSize=200`);
    items.push(...next.items);
    if (next.items.length === 0) break;
  }
  return items;
}
