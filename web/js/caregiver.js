// Caregivers: today's visits in route order; check in and out by location or the card's code.
import { api, busy, clearErrors, clock, el, explain, lang, requireRole, setupChrome, shanghaiDate, showError, statusText, t } from './common.js';

const user = requireRole(['caregiver']);
const $ = (id) => document.getElementById(id);

/** The device's position, or null when it is refused, unavailable or slow. */
function position() {
  if (!navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: Number(p.coords.latitude.toFixed(6)), lng: Number(p.coords.longitude.toFixed(6)) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

/** A map app's marker link (Amap's URL scheme opens the app on a phone, the web map elsewhere). */
function navigationLink(v) {
  if (!v.location) return null;
  const q = new URLSearchParams({ position: `${v.location.lng},${v.location.lat}`, name: v.address, coordinate: 'wgs84', callnative: '1' });
  return el('a', { class: 'btn secondary nav', href: `https://uri.amap.com/marker?${q}`, target: '_blank', rel: 'noopener' }, t('cg.navigate'));
}

/** Check-in opens CHECK_IN_EARLY_MINUTES (30) before the planned start; the API says when. */
const opensAt = (v) => Date.parse(v.checkInOpensAt || new Date(Date.parse(v.plannedStart) - 30 * 60_000).toISOString());

function visitCard(v, index) {
  const id = v.orderId;
  const step = v.status === 'assigned' ? 'in' : v.status === 'in_progress' ? 'out' : null;
  const card = el('li', { class: 'card', 'data-order': id },
    el('h2', { text: `${index + 1}. ${clock(v.plannedStart)}–${clock(v.plannedEnd)} · ${v.resident.name}` }),
    el('p', {}, el('span', { class: 'badge ' + (step ? 'warn' : 'ok'), text: statusText(v.status) }), ' ', lang() === 'en' ? v.service.nameEn : v.service.nameZh),
    el('p', { text: `${t('cg.address')}: ${v.address}` }),
    el('p', {}, navigationLink(v)),
    el('p', { text: t('cg.travel', { n: v.travelMinutes }) }),
    v.resident.phone ? el('p', {}, `${t('cg.phone')}: `, el('a', { class: 'tel', href: 'tel:' + v.resident.phone, text: v.resident.phone })) : null,
    v.family ? el('p', { class: 'family' }, `${t('cg.family')}（${v.family.relationship}，${v.family.name}）: `, el('a', { class: 'tel', href: 'tel:' + v.family.phone, text: v.family.phone })) : null,
    v.notes ? el('p', { text: `${t('cg.notes')}: ${v.notes}` }) : null,
    v.checkIn ? el('p', { text: t('cg.checkedIn', { at: clock(v.checkIn.at) }) }) : null,
    v.checkOut ? el('p', { text: t('cg.checkedOut', { at: clock(v.checkOut.at) }) }) : null);
  if (step) card.append(stepForm(v, step));
  return card;
}

function stepForm(v, step) {
  const id = v.orderId;
  const f = el('form', { novalidate: true },
    el('div', { class: 'row' },
      el('div', { class: 'field' },
        el('label', { for: `code-${id}`, text: t('cg.code') }),
        el('input', { id: `code-${id}`, name: 'code', inputmode: 'numeric', autocomplete: 'off', maxlength: 6, pattern: '[0-9]{6}', 'data-field': 'code' })),
      el('label', { class: 'choice', for: `geo-${id}` }, el('input', { type: 'checkbox', id: `geo-${id}`, name: 'useLocation', checked: true }), el('span', { text: t('cg.useLocation') }))),
    step === 'out' ? el('div', { class: 'field' }, el('label', { for: `notes-${id}`, text: t('cg.visitNotes') }), el('textarea', { id: `notes-${id}`, name: 'notes', rows: 2, maxlength: 1000 })) : null,
    el('p', { class: 'msg bad form-error', role: 'alert' }),
    el('button', { type: 'submit', class: 'step', text: step === 'in' ? t('cg.checkIn') : t('cg.checkOut') }),
    el('span', { class: 'progress', role: 'status' }));
  // Not yet: the button says from when, instead of being pressed only to be refused.
  const wait = step === 'in' ? opensAt(v) - Date.now() : 0;
  if (wait > 0) {
    const button = f.querySelector('button.step');
    button.disabled = true;
    button.classList.add('not-yet');
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(opensAt(v));
    button.textContent = t('cg.opensAt', { time });
    setTimeout(() => {
      button.disabled = false;
      button.classList.remove('not-yet');
      button.textContent = t('cg.checkIn');
    }, Math.min(wait, 2 ** 31 - 1));
  }
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(f);
    const code = f.code.value.trim();
    if (code && !/^\d{6}$/.test(code)) return showError(f, { code: 'VALIDATION_FAILED', details: [{ field: 'code', message: t('cg.codeShape') }] });
    try {
      await busy(f.querySelector('button.step'), f.querySelector('.progress'), async () => {
        const body = {};
        if (f.useLocation.checked) Object.assign(body, (await position()) || {});
        if (code) body.code = code;
        if (body.lat === undefined && !code) throw Object.assign(new Error('no fix'), { code: 'NO_LOCATION', details: [{ field: 'code', message: t('cg.needCode') }] });
        if (step === 'out' && f.notes.value.trim()) body.notes = f.notes.value.trim();
        await api('POST', `/orders/${id}/check-${step}`, body);
      });
      $('day-summary').textContent = step === 'in' ? t('cg.inOk', { name: v.resident.name }) : t('cg.outOk', { name: v.resident.name });
      await load();
    } catch (err) {
      showError(f, err);
    }
  });
  return f;
}

async function load() {
  const date = $('day').value || shanghaiDate();
  const visits = await api('GET', `/caregivers/me/visits?date=${date}`);
  const list = Array.isArray(visits) ? visits : visits.items || [];
  $('visits').replaceChildren(...(list.length ? list.map(visitCard) : [el('li', { class: 'msg', text: t('cg.none') })]));
  const left = list.filter((v) => v.status === 'assigned' || v.status === 'in_progress').length;
  if (!$('day-summary').textContent) $('day-summary').textContent = t('cg.summary', { n: list.length, left });
}

$('day-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('day-summary').textContent = '';
  try {
    await busy(e.target.querySelector('button'), $('day-progress'), load);
  } catch (err) {
    $('visits').replaceChildren(el('li', { class: 'msg bad', role: 'alert', text: explain(err) }));
  }
});

setupChrome(() => $('day-form').requestSubmit());
if (user) {
  $('day').value = shanghaiDate();
  $('day-form').requestSubmit();
}
