// Seniors and families: upcoming orders (cancel, reschedule inline, no pop-ups) and rating completed visits.
import { api, busy, callButton, clock, dateOf, el, say, serviceName, shanghaiDate, showError, statusText, t, weekdayName, yuan } from './common.js';
import { dayChoices, slotChoices } from './slots.js';

const OPEN = ['waitlisted', 'confirmed', 'assigned', 'in_progress'];
const $ = (id) => document.getElementById(id);

/**
 * `state` holds the residents (a family sees all of them together), the chosen one, services and
 * facilities; `radio` draws one large choice; `clearMessages` empties the booking messages above.
 */
export function setupOrders(state, radio, clearMessages = () => undefined) {
  const nameOf = (o) => (state.residents.find((r) => r.id === o.residentId) || state.resident || {}).name || '';
  const message = (text) => {
    clearMessages();
    say([$('orders-msg')], $('orders-msg'), text);
  };

  function orderCard(o) {
    const svc = state.services.find((s) => s.code === o.serviceCode);
    const f = state.facilities.find((x) => x.id === o.facilityId);
    const d = dateOf(o.slot.start);
    const card = el('article', { class: 'card', 'data-order': o.id, 'data-resident': o.residentId, 'aria-labelledby': 'o-' + o.id },
      el('h3', { id: 'o-' + o.id }, el('span', { class: 'senior-name', text: nameOf(o) }), ` · ${serviceName(svc)} · ${d} ${weekdayName(d)} ${clock(o.slot.start)}`),
      el('p', {}, el('span', { class: 'badge ' + (o.status === 'waitlisted' ? 'warn' : 'ok'), text: statusText(o.status) }), ' ', f ? f.name : ''),
      el('p', { text: `${t('price.copay')} ${yuan(o.price.copayFen)} (${t('price.base')} ${yuan(o.price.baseFen)})` }),
    );
    if (o.status === 'assigned' || o.status === 'in_progress') void addCaregiver(card, o, f);
    if (o.status === 'waitlisted' || o.status === 'confirmed' || o.status === 'assigned') {
      const actions = el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', text: t('senior.reschedule'), onclick: () => rescheduleForm(card, o) }),
        el('button', { type: 'button', class: 'secondary', text: t('senior.cancel'), onclick: () => cancelForm(card, o) }),
      );
      card.append(actions);
    }
    return card;
  }

  /** Who is coming and when (list items carry the assignment; else GET /orders/:id), with a call button to the centre. */
  async function addCaregiver(card, o, f) {
    try {
      const a = o.assignment !== undefined ? o.assignment : (await api('GET', `/orders/${o.id}`)).assignment;
      if (!a) return;
      const line = el('p', { class: 'caregiver-line' }, el('strong', { text: t('senior.caregiverComing', { name: a.caregiverName, time: clock(a.plannedStart) }) }));
      const call = callButton(t('senior.callAbout'), f && f.phone);
      card.querySelector('p').after(line, ...(call ? [el('p', {}, call)] : []));
    } catch {
      // the card without the caregiver's name is still right
    }
  }

  function inlineForm(card, ...children) {
    card.querySelector('form')?.remove();
    const f = el('form', { novalidate: true }, ...children, el('p', { class: 'msg bad form-error', role: 'alert' }));
    card.append(f);
    return f;
  }

  function cancelForm(card, o) {
    const reasons = ['ill', 'busy', 'notNeeded'];
    const f = inlineForm(card,
      el('fieldset', {}, el('legend', { text: t('senior.cancelWhy') }), el('div', { class: 'choices' }, ...reasons.map((r, i) => radio('reason-' + o.id, t('reason.' + r), t('reason.' + r), null, i === 0)))),
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'danger', text: t('senior.cancelConfirm') }),
        el('button', { type: 'button', class: 'secondary', text: t('senior.keep'), onclick: () => f.remove() })),
    );
    f.querySelector('input').focus();
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = f.querySelector('input:checked').value;
      try {
        await busy(f.querySelector('button[type=submit]'), null, () => api('POST', `/orders/${o.id}/cancel`, { reason }));
        message(t('senior.cancelled'));
        await loadOrders();
      } catch (err) {
        showError(f, err);
      }
    });
  }

  function rescheduleForm(card, o) {
    const dayId = 'rs-day-' + o.id;
    const slots = el('div', { class: 'choices', 'data-field': 'slotStart' });
    const progress = el('p', { class: 'progress', role: 'status' });
    const select = el('select', { id: dayId, name: 'day' }, ...dayChoices(7).map((d) => el('option', { value: d.date, text: `${d.label} ${d.date}` })));
    const f = inlineForm(card,
      el('div', { class: 'field' }, el('label', { for: dayId, text: t('senior.newDay') }), select),
      progress, slots,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', text: t('senior.rescheduleConfirm') }),
        el('button', { type: 'button', class: 'secondary', text: t('senior.keep'), onclick: () => f.remove() })),
    );
    const svc = state.services.find((s) => s.code === o.serviceCode);
    const load = () => slotChoices({ box: slots, progress, name: 'rs-slot-' + o.id, facilityId: o.facilityId, service: o.serviceCode, date: select.value, priceFen: svc.basePriceFen, radio });
    select.addEventListener('change', load);
    select.focus();
    void load();
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = slots.querySelector('input:checked');
      if (!chosen) return showError(f, { code: 'CHOOSE_SLOT', details: [{ field: 'slotStart', message: t('senior.chooseSlot') }] });
      try {
        await busy(f.querySelector('button[type=submit]'), progress, () => api('POST', `/orders/${o.id}/reschedule`, { slotStart: chosen.value }));
        message(t('senior.rescheduled'));
        await loadOrders();
      } catch (err) {
        showError(f, err);
      }
    });
  }

  function ratingCard(o) {
    const svc = state.services.find((s) => s.code === o.serviceCode);
    const d = dateOf(o.slot.start);
    const card = el('article', { class: 'card', 'data-order': o.id }, el('h3', { text: `${nameOf(o)} · ${serviceName(svc)} · ${d} ${clock(o.slot.start)}` }));
    const cid = 'comment-' + o.id;
    const f = inlineForm(card,
      el('fieldset', { 'data-field': 'rating' }, el('legend', { text: t('senior.rate') }),
        el('div', { class: 'choices' }, ...[5, 4, 3, 2, 1].map((n) => radio('rating-' + o.id, String(n), t('rating.' + n))))),
      el('div', { class: 'field' }, el('label', { for: cid, text: t('senior.comment') }), el('textarea', { id: cid, name: 'comment', rows: 2, maxlength: 500 })),
      el('button', { type: 'submit', text: t('senior.sendRating') }),
    );
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = f.querySelector('input[type=radio]:checked');
      if (!chosen) return showError(f, { code: 'CHOOSE_RATING', details: [{ field: 'rating', message: t('senior.chooseRating') }] });
      const body = { rating: Number(chosen.value) };
      if (f.comment.value.trim()) body.comment = f.comment.value.trim();
      try {
        await busy(f.querySelector('button[type=submit]'), null, () => api('POST', `/orders/${o.id}/feedback`, body));
        f.replaceWith(el('p', { class: 'msg ok', role: 'status', text: t('senior.thanks') }));
      } catch (err) {
        showError(f, err);
      }
    });
    return card;
  }

  /** A family sees every linked senior's orders together, each card naming whose it is. */
  async function loadOrders() {
    const family = state.residents.length > 1;
    $('upcoming-h').textContent = family ? t('senior.allUpcoming') : t('senior.upcoming');
    const whose = family ? state.residents : [state.resident];
    $('upcoming-progress').textContent = t('busy');
    try {
      const pages = await Promise.all(
        whose.flatMap((r) => [
          api('GET', `/orders?residentId=${r.id}&from=${shanghaiDate()}&pageSize=100`),
          api('GET', `/orders?residentId=${r.id}&status=completed&from=${shanghaiDate(-30)}&pageSize=20`),
        ]),
      );
      const upcoming = pages.filter((_, i) => i % 2 === 0).flatMap((p) => p.items);
      const done = pages.filter((_, i) => i % 2 === 1).flatMap((p) => p.items);
      const open = upcoming.filter((o) => OPEN.includes(o.status)).sort((a, b) => a.slot.start.localeCompare(b.slot.start));
      $('upcoming').replaceChildren(...(open.length ? open.map(orderCard) : [el('p', { text: t('senior.noUpcoming') })]));
      const recent = done.sort((a, b) => b.slot.start.localeCompare(a.slot.start)).slice(0, 5);
      $('done').replaceChildren(...(recent.length ? recent.map(ratingCard) : [el('p', { text: t('senior.noDone') })]));
    } catch (err) {
      const box = el('p', { class: 'msg bad', role: 'alert' });
      say([], box, t('err.load'), { call: true });
      $('upcoming').replaceChildren(box);
    } finally {
      $('upcoming-progress').textContent = '';
    }
  }

  return { load: loadOrders };
}
