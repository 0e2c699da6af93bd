// Centre staff: the roster week, adding shifts, marking leave and the weekly template.
import { addDays, api, busy, clearErrors, clock, dateOf, el, explain, listAll, shanghaiDate, showError, t } from './common.js';

const $ = (id) => document.getElementById(id);
const at = (date, time) => `${date}T${time}:00+08:00`;

export function setupRoster(state) {
  let caregivers = [];
  let template = [];

  async function loadCaregivers() {
    caregivers = (await listAll(`/caregivers?facilityId=${state.facilityId}`)).filter((c) => c.active !== false);
    for (const select of document.querySelectorAll('.caregiver-select')) {
      select.replaceChildren(...caregivers.map((c) => el('option', { value: c.id, text: `${c.name}（${t('level')} ${c.level}）` })));
    }
    $('tpl-weekday').replaceChildren(...[1, 2, 3, 4, 5, 6, 7].map((d) => el('option', { value: String(d), text: t('wd.' + (d % 7)) })));
    if (!$('week-start').value) $('week-start').value = shanghaiDate();
  }

  async function loadWeek() {
    const from = $('week-start').value || shanghaiDate();
    const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
    const roster = await api('GET', `/facilities/${state.facilityId}/roster?from=${from}&to=${days[6]}`);
    const head = el('tr', {}, el('th', { scope: 'col', text: t('caregiver') }), ...days.map((d) => el('th', { scope: 'col', text: `${t('wd.' + new Date(d + 'T00:00:00Z').getUTCDay())} ${d.slice(5)}` })));
    const rows = caregivers.map((c) =>
      el('tr', {}, el('th', { scope: 'row', text: c.name }),
        ...days.map((d) => {
          const shifts = roster.shifts.filter((s) => s.caregiverId === c.id && dateOf(s.start) === d).map((s) => el('div', { text: `${clock(s.start)}–${clock(s.end)}` }));
          const leave = roster.leaves.some((l) => l.caregiverId === c.id && dateOf(l.from) <= d && d <= dateOf(l.to));
          return el('td', {}, ...shifts, leave ? el('div', { class: 'badge warn', text: t('staff.roster.onLeave') }) : null);
        })));
    $('roster').replaceChildren(el('table', {}, el('caption', { class: 'visually-hidden', text: t('staff.roster.week') }), el('thead', {}, head), el('tbody', {}, ...rows)));
  }

  async function loadTemplate() {
    template = (await api('GET', `/facilities/${state.facilityId}/roster-template`)).entries.map(({ caregiverId, weekday, start, end }) => ({ caregiverId, weekday, start, end }));
    renderTemplate();
  }

  /** The template as a week grid: a row per caregiver, a column per weekday, a remove button per line. */
  function renderTemplate() {
    if (template.length === 0) return $('template').replaceChildren(el('p', { text: t('staff.roster.noTemplate') }));
    const wd = (d) => t('wd.' + (d % 7));
    const ids = [...new Set(template.map((e) => e.caregiverId))];
    const rows = ids.map((id) => {
      const name = caregivers.find((c) => c.id === id)?.name || id;
      return el('tr', {}, el('th', { scope: 'row', text: name }),
        ...[1, 2, 3, 4, 5, 6, 7].map((d) => el('td', {}, ...template.flatMap((e, i) => (e.caregiverId === id && e.weekday === d
          ? [el('div', {}, el('span', { text: `${e.start}–` }), el('span', { text: e.end }), el('button', { type: 'button', class: 'secondary', 'aria-label': t('staff.roster.removeLine', { name, day: wd(d) }), text: '✕',
              onclick: () => { template.splice(i, 1); renderTemplate(); } }))]
          : [])))));
    });
    $('template').replaceChildren(el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('caregiver') }), ...[1, 2, 3, 4, 5, 6, 7].map((d) => el('th', { scope: 'col', text: wd(d) })))), el('tbody', {}, ...rows)));
  }

  async function load() {
    try {
      await busy($('week-form').querySelector('button'), $('week-progress'), async () => {
        if (caregivers.length === 0) await loadCaregivers();
        await Promise.all([loadWeek(), loadTemplate()]);
      });
    } catch (err) {
      $('roster').replaceChildren(el('p', { class: 'msg bad', role: 'alert', text: explain(err) }));
    }
  }

  $('week-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });

  $('shift-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    clearErrors(f);
    const date = f.date.value;
    const body = { caregiverId: f.caregiverId.value, start: at(date, f.start.value), end: at(f.end.value <= f.start.value ? addDays(date, 1) : date, f.end.value) };
    try {
      const shift = await busy($('shift-submit'), null, () => api('POST', `/facilities/${state.facilityId}/shifts`, body));
      $('roster-done').textContent = t('staff.roster.shiftAdded', { name: shift.caregiverName, date, start: clock(shift.start), end: clock(shift.end) });
      await loadWeek();
    } catch (err) {
      showError(f, err);
    }
  });

  /**
   * Leave is recorded in two steps: first the page lists the visits it will release (the caregiver's
   * assigned orders in the period), then 确认登记请假 records it. No pop-up: the list stays on the page.
   */
  $('leave-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    clearErrors(f);
    $('leave-preview')?.remove();
    const caregiverId = f.caregiverId.value;
    const name = f.caregiverId.selectedOptions[0]?.textContent || '';
    const body = { from: f.from.value, to: f.to.value, reason: f.reason.value.trim() };
    try {
      const orders = await busy($('leave-submit'), null, () => listAll(`/orders?facilityId=${state.facilityId}&from=${body.from}&to=${body.to}`));
      const released = orders.filter((o) => o.assignment && o.assignment.caregiverId === caregiverId && ['assigned', 'confirmed'].includes(o.status));
      const preview = el('div', { id: 'leave-preview', class: 'msg warn', role: 'status' },
        el('p', { text: released.length ? t('staff.roster.leaveWillRelease', { name, n: released.length }) : t('staff.roster.leaveNone', { name }) }),
        released.length ? el('ul', {}, ...released.map((o) => el('li', { text: `${dateOf(o.slot.start)} ${clock(o.slot.start)} · ${o.residentName}` }))) : null,
        el('div', { class: 'actions row' },
          el('button', { type: 'button', id: 'leave-confirm', text: t('staff.roster.leaveConfirm') }),
          el('button', { type: 'button', class: 'secondary', text: t('senior.keep'), onclick: () => preview.remove() })));
      f.after(preview);
      $('leave-confirm').focus();
      $('leave-confirm').addEventListener('click', async () => {
        try {
          const leave = await busy($('leave-confirm'), null, () => api('POST', `/caregivers/${caregiverId}/leave`, body));
          preview.remove();
          $('roster-done').textContent = t('staff.roster.leaveAdded', { name: leave.caregiverName, removed: leave.shiftsRemoved });
          await loadWeek();
        } catch (err) {
          preview.remove();
          showError(f, err);
        }
      });
    } catch (err) {
      showError(f, err);
    }
  });

  $('tpl-add').addEventListener('click', () => {
    template.push({ caregiverId: $('tpl-caregiver').value, weekday: Number($('tpl-weekday').value), start: $('tpl-start').value, end: $('tpl-end').value });
    renderTemplate();
  });

  $('template-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    clearErrors(f);
    try {
      await busy($('tpl-submit'), $('tpl-progress'), () => api('PUT', `/facilities/${state.facilityId}/roster-template`, { entries: template }));
      $('roster-done').textContent = t('staff.roster.templateSaved');
      await Promise.all([loadWeek(), loadTemplate()]);
    } catch (err) {
      showError(f, err);
    }
  });

  return { load, caregivers: loadCaregivers };
}
