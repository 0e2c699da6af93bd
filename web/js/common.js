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
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
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

async function call(method, path, body, headers = {}) {
  const h = { accept: 'application/json', ...headers };
  const token = session.token();
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'network' });
  }
  if (res.status === 401 && path !== '/auth/login') {
    session.clear();
    location.assign('/?expired=1');
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
  outBtn?.addEventListener('click', () => {
    session.clear();
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

// ---- messages ------------------------------------------------------------------------------
/** Plain words for an API error: our own text for known codes, else the API's message. */
export function explain(err) {
  if (!err || !err.code) return t('err.UNKNOWN');
  const key = 'err.' + err.code;
  const text = t(key);
  return text === key ? err.message || t('err.UNKNOWN') : text;
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
  const box = form.querySelector('.form-error');
  if (box) box.textContent = '';
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
    errorSlot(input).textContent = t('field.' + top) !== 'field.' + top ? `${t('field.' + top)}: ${d.message}` : d.message;
    placed = true;
  }
  const text = explain(err);
  if (box) box.textContent = text;
  else if (!placed) alertBox(form, text);
}

function alertBox(form, text) {
  const p = document.createElement('p');
  p.className = 'msg bad form-error';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  form.append(p);
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
