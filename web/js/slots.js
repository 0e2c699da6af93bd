// Days and slots with room, shared by the senior page and the staff phone booking.
import { addDays, api, clock, el, explain, say, shanghaiDate, t, weekdayName, yuan } from './common.js';

/** The next `n` days from today (Asia/Shanghai), labelled 今天 / 明天 / 周三 ... */
export function dayChoices(n) {
  const today = shanghaiDate();
  return Array.from({ length: n }, (_, i) => {
    const date = addDays(today, i);
    return { date, label: i === 0 ? t('today') : i === 1 ? t('tomorrow') : weekdayName(date) };
  });
}

/**
 * Fills `box` with one radio per slot that still has room and has not started; with `includeFull`,
 * full slots too, marked (data-full) so the page can offer the waiting list for them.
 */
export async function slotChoices({ box, progress, name, facilityId, service, date, priceFen, radio, includeFull = false }) {
  box.replaceChildren();
  if (progress) progress.textContent = t('busy');
  try {
    const slots = await api('GET', `/facilities/${facilityId}/availability?service=${encodeURIComponent(service)}&date=${date}`);
    const open = slots.filter((s) => (includeFull || s.remaining > 0) && Date.parse(s.start) > Date.now());
    if (open.length === 0) {
      box.replaceChildren(el('p', { class: 'msg warn', text: t('slots.none') }));
      return;
    }
    box.replaceChildren(
      ...open.map((s) => {
        const room = s.remaining > 0 ? t('slots.room', { n: s.remaining }) : t('slots.full');
        const choice = radio(name, s.start, `${clock(s.start)}–${clock(s.end)}`, room + (priceFen !== undefined ? ` · ${t('price.base')} ${yuan(priceFen)}` : ''));
        if (s.remaining <= 0) choice.querySelector('input').dataset.full = '1';
        return choice;
      }),
    );
  } catch (err) {
    const p = el('p', { class: 'msg bad', role: 'alert' });
    say([], p, explain(err), { call: true }); // with the call button where the page knows the centre
    box.replaceChildren(p);
  } finally {
    if (progress) progress.textContent = '';
  }
}
