// Centre staff: day board, assignment runs, phone bookings and the kitchen sheet (roster in staff-roster.js).
import { api, busy, clearErrors, clock, dateOf, el, explain, lang, listAll, newKey, requireRole, serviceName, setupChrome, shanghaiDate, showError, statusText, t, yuan } from './common.js';
import { dayChoices, slotChoices } from './slots.js';
import { setupRoster } from './staff-roster.js';
import { setupBeds } from './staff-beds.js';

const LATE_AFTER_MS = 30 * 60_000;
const user = requireRole(['centre_staff', 'admin']);
const $ = (id) => document.getElementById(id);
const state = { facilityId: null, facilities: [], services: [] };
const roster = setupRoster(state);
const beds = setupBeds(state);

function radio(name, value, labelText, extra) {
  const id = `${name}-${value}`.replace(/[^\w-]/g, '_');
  return el('label', { class: 'choice', for: id }, el('input', { type: 'radio', id, name, value }), el('span', {}, labelText, extra ? el('small', { text: extra }) : null));
}

const svcName = (code) => serviceName(state.services.find((s) => s.code === code)) || code;
/** The engine's reasons and explanations come in both languages. */
const reasonOf = (u) => (lang() === 'zh' && u.reasonZh) || u.reason;
const explanationOf = (a) => (lang() === 'zh' && a.explanationZh) || a.explanation;

// ---- tabs ------------------------------------------------------------------------------
for (const button of document.querySelectorAll('[data-tab]')) {
  button.addEventListener('click', () => {
    for (const b of document.querySelectorAll('[data-tab]')) {
      b.setAttribute('aria-pressed', String(b === button));
      $('tab-' + b.dataset.tab).hidden = b !== button;
    }
    if (button.dataset.tab === 'roster') void roster.load();
    if (button.dataset.tab === 'beds') void beds.load();
    if (button.dataset.tab === 'phone') fillPhoneSelects();
  });
}

// ---- day board -------------------------------------------------------------------------
/** 0: no caregiver yet, 1: late (a late/missed alert, or no check-in well after the slot started), 2: the rest. */
function urgency(o, unassigned, late) {
  if (unassigned.has(o.id) || o.status === 'confirmed' || o.status === 'waitlisted') return 0;
  if (late.has(o.id) || o.status === 'missed' || (o.status === 'assigned' && Date.now() > Date.parse(o.slot.start) + LATE_AFTER_MS)) return 1;
  return 2;
}

async function loadBoard() {
  const date = $('board-date').value || shanghaiDate();
  const [orders, unassignedRows, alerts] = await Promise.all([
    listAll(`/orders?facilityId=${state.facilityId}&from=${date}&to=${date}`),
    api('GET', `/facilities/${state.facilityId}/unassigned`).catch(() => []),
    api('GET', `/facilities/${state.facilityId}/visit-alerts?from=${date}&to=${date}`).catch(() => []),
  ]);
  const unassigned = new Map(unassignedRows.map((u) => [u.orderId, reasonOf(u)]));
  const late = new Set(alerts.filter((a) => a.kind === 'late' || a.kind === 'missed').map((a) => a.orderId));
  const live = orders.filter((o) => o.status !== 'cancelled');
  live.sort((a, b) => urgency(a, unassigned, late) - urgency(b, unassigned, late) || a.slot.start.localeCompare(b.slot.start));
  const counts = { 0: 0, 1: 0 };
  const rows = live.map((o) => {
    const u = urgency(o, unassigned, late);
    if (u < 2) counts[u]++;
    const flag = u === 0 ? el('span', { class: 'badge bad', text: t('staff.board.unassigned') }) : u === 1 ? el('span', { class: 'badge warn', text: t('staff.board.late') }) : '';
    return el('tr', { class: u === 0 ? 'flag-unassigned' : u === 1 ? 'flag-late' : '' },
      el('td', { text: `${clock(o.slot.start)}–${clock(o.slot.end)}` }),
      el('td', {}, flag, unassigned.has(o.id) ? el('div', { text: unassigned.get(o.id) }) : ''),
      el('td', { text: o.residentName }),
      el('td', { text: svcName(o.serviceCode) }),
      el('td', { class: 'caregiver', text: o.assignment ? `${o.assignment.caregiverName} ${clock(o.assignment.plannedStart)}` : '—' }),
      el('td', { class: 'address', text: o.visitAddress || '' }),
      el('td', { text: statusText(o.status) }),
      el('td', { text: t('channel.' + o.channel) }));
  });
  $('board-summary').textContent = t('staff.board.summary', { n: live.length, unassigned: counts[0], late: counts[1] });
  $('board').replaceChildren(rows.length
    ? el('table', {}, el('caption', { class: 'visually-hidden', text: t('staff.tab.board') }),
      el('thead', {}, el('tr', {}, ...['slot', 'flag', 'resident', 'service', 'caregiver', 'address', 'status', 'channel'].map((k) => el('th', { scope: 'col', text: t('col.' + k) })))),
      el('tbody', {}, ...rows))
    : el('p', { text: t('staff.board.empty') }));
}

$('board-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await busy(e.submitter || $('board-form').querySelector('button'), $('board-progress'), loadBoard);
  } catch (err) {
    $('board').replaceChildren(el('p', { class: 'msg bad', role: 'alert', text: explain(err) }));
  }
});

// ---- assignment ------------------------------------------------------------------------
$('assign-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  clearErrors(form);
  const date = $('assign-date').value;
  try {
    const run = await busy($('assign-run'), $('assign-progress'), async () => {
      const summary = await api('POST', '/scheduling/runs', { date, facilityId: state.facilityId });
      // The day's orders carry the resident's name and the assignment with its explanation.
      const orders = await listAll(`/orders?facilityId=${state.facilityId}&from=${date}&to=${date}`);
      return { summary, orders };
    });
    renderRun(run.summary, run.orders);
  } catch (err) {
    showError(form, err);
  }
});

function renderRun(summary, orders) {
  const s = el('p', { class: 'msg ok', text: t('staff.assign.summary', { assigned: summary.assigned, unassigned: summary.unassigned.length, travel: summary.travelMinutes, ms: summary.durationMs }) });
  const byId = new Map(orders.map((o) => [o.id, o]));
  const list = orders
    .filter((o) => o.assignment && o.status === 'assigned')
    .sort((a, b) => a.assignment.plannedStart.localeCompare(b.assignment.plannedStart))
    .map((o) => el('article', { class: 'card assignment' },
      el('h3', { text: `${clock(o.assignment.plannedStart)} ${o.residentName} · ${svcName(o.serviceCode)} → ${o.assignment.caregiverName}` }),
      el('p', {}, el('strong', { text: t('staff.assign.why') + ' ' }), explanationOf(o.assignment))));
  const missing = summary.unassigned.map((u) => {
    const o = byId.get(u.orderId);
    return el('li', { text: o ? `${clock(o.slot.start)} ${o.residentName} · ${svcName(o.serviceCode)}: ${reasonOf(u)}` : `${u.orderId.slice(0, 8)}: ${reasonOf(u)}` });
  });
  $('assign-result').replaceChildren(s,
    el('h3', { text: t('staff.assign.assigned') }), ...(list.length ? list : [el('p', { text: t('none') })]),
    el('h3', { text: t('staff.assign.unassigned') }), missing.length ? el('ul', {}, ...missing) : el('p', { text: t('none') }));
}

// ---- phone booking ---------------------------------------------------------------------
function fillPhoneSelects() {
  const facility = state.facilities.find((f) => f.id === state.facilityId);
  const offered = state.services.filter((s) => !facility || facility.services.includes(s.code));
  $('phone-service').replaceChildren(...offered.map((s) => el('option', { value: s.code, text: `${serviceName(s)} (${yuan(s.basePriceFen)})` })));
  $('phone-day').replaceChildren(...dayChoices(14).map((d) => el('option', { value: d.date, text: `${d.label} ${d.date}` })));
  void loadPhoneSlots();
}

function loadPhoneSlots() {
  $('phone-quote').replaceChildren();
  const code = $('phone-service').value;
  if (!code) return;
  const svc = state.services.find((s) => s.code === code);
  return slotChoices({ box: $('phone-slots'), progress: $('phone-slots-progress'), name: 'slotStart', facilityId: state.facilityId, service: code, date: $('phone-day').value, priceFen: svc.basePriceFen, radio });
}
$('phone-service').addEventListener('change', loadPhoneSlots);
$('phone-day').addEventListener('change', loadPhoneSlots);

$('phone-search').addEventListener('submit', async (e) => {
  e.preventDefault();
  const q = $('phone-q').value.trim();
  try {
    const page = await busy(e.target.querySelector('button'), $('phone-progress'), () => api('GET', `/residents?facilityId=${state.facilityId}&q=${encodeURIComponent(q)}&pageSize=20`));
    $('phone-residents').replaceChildren(...(page.items.length
      ? page.items.map((r) => radio('residentId', r.id, r.name, `${r.age}岁 · ${r.phone || ''} · ${r.address}`))
      : [el('p', { text: t('staff.phone.noneFound') })]));
  } catch (err) {
    $('phone-residents').replaceChildren(el('p', { class: 'msg bad', role: 'alert', text: explain(err) }));
  }
});

/** The price, subsidy and co-payment of the chosen senior, service and slot, before 代老人预约. */
let quoteSeq = 0;
async function phoneQuote() {
  const form = $('phone-form');
  const resident = form.querySelector('input[name=residentId]:checked');
  const slot = form.querySelector('input[name=slotStart]:checked');
  const box = $('phone-quote');
  box.replaceChildren();
  if (!resident || !slot) return;
  const seq = ++quoteSeq;
  const query = new URLSearchParams({ residentId: resident.value, serviceCode: $('phone-service').value, facilityId: state.facilityId, slotStart: slot.value });
  try {
    const quote = await api('GET', `/orders/quote?${query}`);
    if (seq !== quoteSeq) return;
    const p = quote.price;
    box.replaceChildren(
      el('strong', { text: t('staff.phone.quoteTitle') + ' ' }),
      el('span', { text: t('staff.phone.quoteLine', { base: yuan(p.baseFen), subsidy: yuan(p.subsidyFen), copay: yuan(p.copayFen) }) }),
      ...(quote.slotFree ? [] : [el('span', { text: ' ' + t('senior.quoteFull') })]),
    );
  } catch (err) {
    if (seq === quoteSeq) box.textContent = explain(err);
  }
}
$('phone-form').addEventListener('change', (e) => {
  if (e.target.name === 'residentId' || e.target.name === 'slotStart') void phoneQuote();
});

$('phone-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  clearErrors(form);
  const resident = form.querySelector('input[name=residentId]:checked');
  const slot = form.querySelector('input[name=slotStart]:checked');
  const missing = [];
  if (!resident) missing.push({ field: 'residentId', message: t('staff.phone.chooseResident') });
  if (!slot) missing.push({ field: 'slotStart', message: t('senior.chooseSlot') });
  if (missing.length) return showError(form, { code: 'VALIDATION_FAILED', details: missing });
  const body = { residentId: resident.value, serviceCode: $('phone-service').value, facilityId: state.facilityId, slotStart: slot.value };
  try {
    const order = await busy($('phone-submit'), $('phone-slots-progress'), () => api('POST', '/orders', body, { 'Idempotency-Key': newKey() }));
    $('phone-done').textContent = t('staff.phone.done', { status: statusText(order.status), when: `${dateOf(order.slot.start)} ${clock(order.slot.start)}`, copay: yuan(order.price.copayFen), subsidy: yuan(order.price.subsidyFen) });
    void loadPhoneSlots();
  } catch (err) {
    showError(form, err);
  }
});

// ---- kitchen sheet ---------------------------------------------------------------------
$('kitchen-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  clearErrors(form);
  const sitting = $('kitchen-sitting').value;
  try {
    const sheet = await api('GET', `/facilities/${state.facilityId}/meals?date=${$('kitchen-date').value}${sitting ? '&sitting=' + sitting : ''}`);
    $('kitchen').replaceChildren(...(sheet.sittings.length ? sheet.sittings.map(sittingCard) : [el('p', { text: t('none') })]));
  } catch (err) {
    showError(form, err);
  }
});

$('kitchen-print').addEventListener('click', () => window.print());

function sittingCard(s) {
  const needs = Object.entries(s.byDietaryNeed || {}).map(([k, n]) => el('li', { text: `${t('diet.' + k)}: ${n}` }));
  const diners = (s.diners || []).map((d) => el('tr', {}, el('td', { text: d.residentName }), el('td', { text: d.dietaryNeeds.map((k) => t('diet.' + k)).join('、') })));
  const stops = s.deliveries.map((d) => el('tr', {}, el('td', { text: String(d.stop) }), el('td', { text: d.residentName }), el('td', { text: d.address || '' }), el('td', { text: d.dietaryNeeds.map((k) => t('diet.' + k)).join('、') })));
  return el('article', { class: 'card' },
    el('h3', { text: t('sitting.' + s.sitting) }),
    el('p', { text: t('staff.kitchen.counts', { dineIn: s.dineIn, delivery: s.delivery, regular: s.regular }) }),
    needs.length ? el('ul', {}, ...needs) : null,
    diners.length ? el('table', {}, el('caption', { text: t('staff.kitchen.diners') }), el('thead', {}, el('tr', {}, ...['resident', 'diet'].map((k) => el('th', { scope: 'col', text: t('col.' + k) })))), el('tbody', {}, ...diners)) : null,
    stops.length ? el('table', {}, el('thead', {}, el('tr', {}, ...['stop', 'resident', 'address', 'diet'].map((k) => el('th', { scope: 'col', text: t('col.' + k) })))), el('tbody', {}, ...stops)) : null);
}

// ---- start -----------------------------------------------------------------------------
async function chooseFacility(id) {
  state.facilityId = id;
  const f = state.facilities.find((x) => x.id === id);
  $('facility-name').textContent = f ? f.name : '';
  await roster.caregivers();
  $('board-form').requestSubmit();
}

async function start() {
  setupChrome(() => $('board-form').requestSubmit());
  if (!user) return;
  const today = shanghaiDate();
  for (const id of ['board-date', 'assign-date', 'kitchen-date', 'shift-date', 'leave-from', 'leave-to']) $(id).value = today;
  [state.services, state.facilities] = await Promise.all([api('GET', '/services'), listAll('/facilities')]);
  if (user.facilityId) return chooseFacility(user.facilityId);
  const select = $('facility');
  select.replaceChildren(...state.facilities.map((f) => el('option', { value: f.id, text: `${f.code} ${f.name}` })));
  $('facility-box').hidden = false;
  select.addEventListener('change', () => chooseFacility(select.value));
  await chooseFacility(select.value);
}

void start();
