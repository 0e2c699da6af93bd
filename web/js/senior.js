// Seniors and families: book a service step by step, see upcoming orders, cancel, reschedule, rate.
import { api, clearErrors, clock, dateOf, el, keepDraftWith, km, lang, newKey, requireRole, say, serviceName, setCentre, setupChrome, showError, t, takeDraft, weekdayName, yuan, busy, listAll } from './common.js';
import { dayChoices, slotChoices } from './slots.js';
import { setupOrders } from './senior-orders.js';
import { loadResidences } from './senior-residence.js';

const CATEGORIES = ['meal', 'cleaning', 'mobility', 'medical'];
const STEPS = ['category', 'service', 'facility', 'day', 'slot', 'confirm'];

const user = requireRole(['senior', 'family']);
const state = { residents: [], resident: null, services: [], facilities: [], choice: {} };
const $ = (id) => document.getElementById(id);
const form = $('book-form');
const orders = setupOrders(state, radio, () => clearMessages());

function radio(name, value, labelText, extra, checked = false) {
  const id = `${name}-${value}`.replace(/[^\w-]/g, '_');
  return el('label', { class: 'choice', for: id }, el('input', { type: 'radio', id, name, value, checked }), el('span', {}, labelText, extra ? el('small', { text: extra }) : null));
}

const loadOrders = () => orders.load();

/** One message at a time: a new confirmation or error clears the ones shown before. */
function clearMessages() {
  say([$('booked'), $('orders-msg'), $('restored')], null, '');
  clearErrors(form);
}

function show(id, visible) {
  $(id).hidden = !visible;
}

/** Hides every step after `from` and forgets what was chosen there. */
function resetAfter(step) {
  for (const s of STEPS.slice(STEPS.indexOf(step) + 1)) {
    show('step-' + s, false);
    delete state.choice[s];
  }
  clearMessages();
}

/**
 * Brings the newest open step into view and puts focus in it, so neither a finger nor the Tab key
 * has to look for it below the fold. The confirm step focuses its button (or the waiting-list one).
 */
function revealNewest() {
  const newest = [...STEPS].reverse().find((s) => !$('step-' + s).hidden);
  if (!newest || newest === 'category') return;
  const step = $('step-' + newest);
  let target;
  if (newest === 'confirm') target = $('confirm').hidden ? $('waitlist') : $('confirm');
  else target = step.querySelector('input:checked') || step.querySelector('input');
  if (!target) return;
  target.focus({ preventScroll: true });
  // The step's top at the top of the screen; for confirmation, its button at the bottom edge at most.
  (newest === 'confirm' ? target : step).scrollIntoView({ block: newest === 'confirm' ? 'nearest' : 'start' });
}

function renderResident() {
  const r = state.resident;
  if (!r) return;
  const cat = t('subsidy.' + r.subsidyCategory);
  $('resident-info').textContent = t('senior.residentInfo', { name: r.name, age: r.age, address: r.address, category: cat });
  setCentre(state.facilities.find((f) => f.id === r.homeFacilityId));
}

function renderCategories() {
  const box = $('categories');
  box.replaceChildren(...CATEGORIES.map((c) => radio('category', c, t('cat.' + c), t('cat.' + c + '.hint'), state.choice.category === c)));
}

function renderServices() {
  const list = state.services.filter((s) => s.category === state.choice.category);
  $('services').replaceChildren(...list.map((s) => radio('serviceCode', s.code, serviceName(s), t('senior.baseHint', { price: yuan(s.basePriceFen), minutes: s.durationMinutes }), state.choice.service === s.code)));
  show('step-service', true);
  if (list.length === 1 && !state.choice.service) {
    $('services').querySelector('input').checked = true;
    chooseService(list[0].code);
  }
}

function renderFacilities() {
  const r = state.resident;
  const code = state.choice.service;
  const here = r.location;
  const list = state.facilities
    .filter((f) => f.active !== false && f.services.includes(code))
    .map((f) => ({ f, d: here ? km(here, f.location) : f.id === r.homeFacilityId ? 0 : 999 }))
    .sort((a, b) => (a.f.id === r.homeFacilityId ? -1 : b.f.id === r.homeFacilityId ? 1 : a.d - b.d))
    .slice(0, 4);
  $('facilities').replaceChildren(
    ...list.map(({ f, d }) =>
      radio('facilityId', f.id, f.name, `${f.id === r.homeFacilityId ? t('senior.homeFacility') + ' · ' : ''}${t('senior.distance', { km: d.toFixed(1) })} · ${f.address}`, state.choice.facility === f.id),
    ),
  );
  if (list.length === 0) $('facilities').replaceChildren(el('p', { class: 'msg warn', text: t('senior.noFacility') }));
  show('step-facility', true);
  // The senior's own centre is chosen already when it offers the service; another can still be picked.
  const home = list.find(({ f }) => f.id === r.homeFacilityId);
  if (home && !state.choice.facility) {
    $('facilities').querySelector(`input[value="${home.f.id}"]`).checked = true;
    chooseFacility(home.f.id);
  }
}

function chooseService(code) {
  resetAfter('service');
  state.choice.service = code;
  renderFacilities();
}

function chooseFacility(id) {
  resetAfter('facility');
  state.choice.facility = id;
  renderDays();
}

function renderDays() {
  $('days').replaceChildren(...dayChoices(7).map((d) => radio('day', d.date, d.label, d.date, state.choice.day === d.date)));
  show('step-day', true);
}

async function renderSlots() {
  show('step-slot', true);
  const { facility, service, day } = state.choice;
  const svc = state.services.find((s) => s.code === service);
  await slotChoices({ box: $('slots'), progress: $('slots-progress'), name: 'slotStart', facilityId: facility, service, date: day, priceFen: svc.basePriceFen, radio, includeFull: true });
}

/** A full slot: the waiting-list button takes the confirm button's place. */
function offerWaitlist(full) {
  $('confirm').hidden = full;
  $('waitlist').hidden = !full;
  $('waitlist-hint').hidden = !full;
}

function renderPrice() {
  const svc = state.services.find((s) => s.code === state.choice.service);
  const r = state.resident;
  const rules = [t('rule.' + r.subsidyCategory)];
  if (svc.category === 'meal' && r.age >= 80) rules.push(t('rule.aged80meal'));
  const category = el('p', { text: t('senior.yourCategory', { category: t('subsidy.' + r.subsidyCategory) }) + ' ' + rules.join(' ') });
  $('price-box').replaceChildren(el('p', {}, t('senior.basePrice') + ' ', el('strong', { text: yuan(svc.basePriceFen) })), category, el('p', { text: t('senior.priceAfter') }));
  const chosen = form.querySelector('input[name="slotStart"]:checked');
  offerWaitlist(Boolean(chosen && chosen.dataset.full));
  show('step-confirm', true);
  // What this booking would cost, subsidy and all, before the senior confirms.
  const { facility, service, slot } = state.choice;
  const query = new URLSearchParams({ residentId: r.id, serviceCode: service, facilityId: facility, slotStart: slot });
  api('GET', `/orders/quote?${query}`).then(
    (quote) => {
      if (state.choice.slot !== slot) return;
      const left = Object.values(quote.allowanceMinutesLeft).map((minutes) => t('senior.allowanceLeft', { minutes }));
      const full = quote.slotFree ? [] : [el('p', { class: 'msg warn', text: t('senior.quoteFull') })];
      if (!quote.slotFree) offerWaitlist(true);
      $('price-box').replaceChildren(...full, category, ...priceLines(quote.price), ...left.map((text) => el('p', { text })));
    },
    () => undefined, // the estimate above stays; booking will say what is wrong
  );
}

/** Picks up a choice; `move` puts focus in the step it opens (not while arrow keys walk a group). */
async function choose(input, move) {
  if (input.name === 'category') {
    resetAfter('category');
    state.choice.category = input.value;
    renderServices();
  } else if (input.name === 'serviceCode') chooseService(input.value);
  else if (input.name === 'facilityId') chooseFacility(input.value);
  else if (input.name === 'day') {
    resetAfter('day');
    state.choice.day = input.value;
    await renderSlots();
  } else if (input.name === 'slotStart') {
    resetAfter('slot');
    state.choice.slot = input.value;
    renderPrice();
  } else return;
  if (move) revealNewest();
}

// Arrow keys move through a group and check as they go: the step below opens, focus stays put.
let arrowAt = 0;
let pending = Promise.resolve(); // the step being drawn (slots load from the API)
form.addEventListener('keydown', (event) => {
  if (event.key.startsWith('Arrow')) arrowAt = Date.now();
  const input = event.target;
  // Enter on a choice selects it and goes on to the next step; it never submits the form.
  if (event.key === 'Enter' && input.type === 'radio') {
    event.preventDefault();
    if (!input.checked) {
      input.checked = true;
      pending = choose(input, true);
    } else pending = pending.then(revealNewest);
  }
});

form.addEventListener('change', (event) => {
  if (event.target.type !== 'radio') return;
  pending = choose(event.target, Date.now() - arrowAt > 300);
});

function priceLines(price) {
  return [
    el('p', { text: `${t('price.base')} ${yuan(price.baseFen)} · ${t('price.subsidy')} ${yuan(price.subsidyFen)}` }),
    ...price.funding.map((f) => el('p', { text: `· ${t('funding.' + f.source) === 'funding.' + f.source ? f.source : t('funding.' + f.source)}: ${yuan(f.amountFen)}` })),
    el('p', { class: 'price' }, t('price.copay') + ' ', el('strong', { text: yuan(price.copayFen) })),
  ];
}

async function book(waitlist) {
  clearMessages();
  const { service, facility, slot } = state.choice;
  if (!slot) return showError(form, { code: 'CHOOSE_SLOT', details: [{ field: 'slotStart', message: t('senior.chooseSlot') }] });
  const body = { residentId: state.resident.id, serviceCode: service, facilityId: facility, slotStart: slot };
  if (waitlist) body.waitlist = true;
  const notes = form.notes.value.trim();
  if (notes) body.notes = notes;
  try {
    const button = waitlist ? $('waitlist') : $('confirm');
    const order = await busy(button, $('confirm-progress'), () => api('POST', '/orders', body, { 'Idempotency-Key': newKey() }));
    const svc = state.services.find((s) => s.code === service);
    const f = state.facilities.find((x) => x.id === facility);
    const name = state.resident.name;
    const head = order.status === 'waitlisted' ? t('senior.waitlistedFor', { name }) : t('senior.bookedFor', { name });
    form.reset();
    resetAfter('category');
    delete state.choice.category;
    renderCategories();
    $('booked').replaceChildren(
      el('h3', { text: head }),
      el('p', { text: `${serviceName(svc)} · ${f ? f.name : ''} · ${dateOf(order.slot.start)} ${weekdayName(dateOf(order.slot.start))} ${clock(order.slot.start)}–${clock(order.slot.end)}` }),
      ...priceLines(order.price),
    );
    $('booked').focus();
    await loadOrders();
  } catch (err) {
    showError(form, err);
    if (err.code === 'SLOT_FULL') offerWaitlist(true);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void book(false);
});
$('waitlist').addEventListener('click', () => void book(true));

async function selectResident(id) {
  state.resident = state.residents.find((r) => r.id === id) || state.residents[0];
  state.choice = {};
  form.reset();
  resetAfter('category');
  renderCategories();
  renderResident();
  await loadOrders();
}

function rerender() {
  renderResident();
  if (state.linked) void loadResidences(state.linked, state.facilities, $('residence'), $('residences'));
  renderCategories();
  if (state.choice.category) renderServices();
  if (state.resident) void loadOrders();
}

/** The booking in progress, kept by common.js if the session ends before it is confirmed. */
keepDraftWith(() => (state.resident && state.choice.category ? { residentId: state.resident.id, choice: { ...state.choice }, notes: form.notes.value } : null));

/** Fills the form in again, step by step, from a draft kept before a sign-in. */
async function restoreDraft(draft) {
  if (!draft || !state.residents.some((r) => r.id === draft.residentId)) return false;
  if (draft.residentId !== state.resident.id) {
    $('resident').value = draft.residentId;
    await selectResident(draft.residentId);
  }
  const pick = async (name, value) => {
    const input = value && form.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
    if (!input) return false;
    if (!input.checked) {
      input.checked = true;
      await choose(input, false);
    }
    return true;
  };
  const c = draft.choice;
  (await pick('category', c.category)) && (await pick('serviceCode', c.service)) && (await pick('facilityId', c.facility)) && (await pick('day', c.day)) && (await pick('slotStart', c.slot));
  form.notes.value = draft.notes || '';
  // Said beside the confirm button, where the senior is taken back to.
  say([$('booked'), $('orders-msg')], $('restored'), t('login.restored'));
  revealNewest();
  return true;
}

async function start() {
  setupChrome(rerender);
  if (!user) return;
  try {
    const [residents, services, facilities] = await Promise.all([api('GET', '/me/residents'), api('GET', '/services'), listAll('/facilities')]);
    state.residents = residents.filter((r) => r.canBook !== false);
    state.linked = residents;
    state.services = services;
    state.facilities = facilities;
  } catch {
    $('resident-info').textContent = t('err.load');
    return;
  }
  if (state.residents.length === 0) {
    $('resident-info').textContent = t('senior.noResident');
    return;
  }
  if (user.role === 'family') {
    const select = $('resident');
    select.replaceChildren(...state.residents.map((r) => el('option', { value: r.id, text: `${r.name}（${r.relationship ? t('senior.yourRelation', { rel: r.relationship }) : ''}）` })));
    $('resident-box').hidden = false;
    select.addEventListener('change', () => selectResident(select.value));
  }
  document.documentElement.dataset.lang = lang();
  void loadResidences(state.linked, state.facilities, $('residence'), $('residences'));
  await selectResident(state.residents[0].id);
  await restoreDraft(takeDraft());
}

void start();
