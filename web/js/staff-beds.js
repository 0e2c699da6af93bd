// Home staff: the bed board (rooms and beds, status in colour and in words), admit to a free bed, discharge, the waiting list.
import { api, busy, clearErrors, el, explain, shanghaiDate, showError, t } from './common.js';

const $ = (id) => document.getElementById(id);

export function setupBeds(state) {
  let chosenBed = null;

  async function load() {
    const [beds, admitted, waiting] = await Promise.all([
      api('GET', `/facilities/${state.facilityId}/beds`),
      api('GET', `/admissions?facilityId=${state.facilityId}&status=admitted&pageSize=200`),
      api('GET', `/facilities/${state.facilityId}/waiting-list`),
    ]);
    const admissionOf = new Map(admitted.items.map((a) => [a.bedId, a]));
    const free = beds.filter((b) => b.status === 'free').length;
    $('beds-summary').textContent = t('staff.beds.summary', { beds: beds.length, occupied: beds.filter((b) => b.status === 'occupied').length, free, waiting: waiting.length });
    const rooms = new Map();
    for (const b of beds) rooms.set(b.room, [...(rooms.get(b.room) ?? []), b]);
    $('beds').replaceChildren(
      ...[...rooms.entries()].map(([room, list]) =>
        el('div', { class: 'room' }, el('h3', { text: t('staff.beds.room', { room }) }), ...list.map((b) => bedCard(b, admissionOf.get(b.id)))),
      ),
    );
    $('waiting').replaceChildren(
      waiting.length
        ? el('ol', {}, ...waiting.map((w) => el('li', { text: `${w.residentName}（${t('care.' + w.careType)}，${t('level')} ${w.careLevel}${w.subsidyCategory === 'tekun' ? '，' + t('staff.beds.tekun') : ''}，${t('staff.beds.waitingDays', { days: w.waitingDays })}）` })))
        : el('p', { text: t('none') }),
    );
  }

  function bedCard(b, admission) {
    const status = el('span', { class: 'bed-status', text: t('bed.' + b.status) });
    const action =
      b.status === 'free'
        ? el('button', { type: 'button', text: t('staff.beds.admit'), 'aria-label': t('staff.beds.admitTo', { code: b.code }), onclick: () => openAdmit(b) })
        : b.status === 'occupied' && admission
          ? el('button', { type: 'button', text: t('staff.beds.discharge'), 'aria-label': t('staff.beds.dischargeFrom', { name: admission.residentName }), onclick: (e) => discharge(e.target, admission) })
          : null;
    return el('div', { class: `bed bed-${b.status}`, 'data-bed': b.code }, el('strong', { text: b.code }), el('span', { text: t('care.' + b.careType) }), status, b.residentName ? el('span', { text: b.residentName }) : null, action);
  }

  function openAdmit(bed) {
    chosenBed = bed;
    const form = $('admit-form');
    clearErrors(form);
    form.hidden = false;
    $('admit-h').textContent = t('staff.beds.admitTo', { code: bed.code });
    $('admit-date').value = shanghaiDate();
    $('admit-q').focus();
  }

  async function discharge(button, admission) {
    if (!window.confirm(t('staff.beds.confirmDischarge', { name: admission.residentName }))) return;
    try {
      await busy(button, $('beds-summary'), () => api('POST', `/admissions/${admission.id}/discharge`, { at: shanghaiDate(), reason: 'home' }));
      await load();
    } catch (err) {
      $('beds-summary').textContent = explain(err);
    }
  }

  $('admit-search').addEventListener('click', async () => {
    const q = $('admit-q').value.trim();
    const page = await api('GET', `/residents?facilityId=${state.facilityId}&q=${encodeURIComponent(q)}&pageSize=20`);
    $('admit-resident').replaceChildren(...page.items.map((r) => el('option', { value: r.id, text: `${r.name}（${r.age}岁，${t('level')} ${r.careLevel}）` })));
  });

  $('admit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    clearErrors(form);
    try {
      const body = { residentId: $('admit-resident').value, facilityId: state.facilityId, careType: chosenBed.careType, bedId: chosenBed.id, from: $('admit-date').value };
      const admission = await busy($('admit-submit'), $('admit-progress'), () => api('POST', '/admissions', body));
      form.hidden = true;
      await load();
      $('beds-summary').textContent = t('staff.beds.admitted', { name: admission.residentName, code: admission.bedCode });
    } catch (err) {
      showError(form, err);
    }
  });

  return { load };
}
