// Seniors and families: where each linked senior lives (a current admission) and the month's statement.
import { api, el, t } from './common.js';

/** Fen as yuan, written out in 元 for the family. */
const yuan = (fen) => `${(fen / 100).toFixed(2)} ${t('yuan')}`;

/** Asia/Shanghai month of today, as YYYY-MM. */
function thisMonth() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

const monthWords = (month) => ({ month, year: month.slice(0, 4), m: String(Number(month.slice(5, 7))) });

/** One panel: the home and bed, then charge, subsidy and co-pay of the month. */
function panel(resident, admission, statement, facilities) {
  const line = statement && statement.lines.find((l) => l.admissionId === admission.id);
  const facility = facilities.find((f) => f.id === admission.facilityId);
  const home = (line && line.facilityName) || (facility && facility.name) || '';
  const figures = statement
    ? el('dl', { class: 'statement' },
      el('dt', { text: t('residence.charge') }), el('dd', { 'data-fig': 'charge', text: yuan(statement.baseFen) }),
      el('dt', { text: t('residence.subsidy') }), el('dd', { 'data-fig': 'subsidy', text: yuan(statement.subsidyFen) }),
      el('dt', { text: t('residence.copay') }), el('dd', { 'data-fig': 'copay' }, el('strong', { text: yuan(statement.copayFen) })))
    : el('p', { class: 'msg warn', text: t('err.load') });
  return el('article', { class: 'card residence', 'data-resident': resident.id },
    el('h3', { text: t('residence.livesAt', { name: resident.name, home }) }),
    el('p', { text: t('residence.bed', { bed: admission.bedCode || '', care: t('care.' + admission.careType) }) }),
    el('h4', { text: t('residence.statement', monthWords(statement ? statement.month : thisMonth())) }),
    figures);
}

/** Draws a panel per linked senior with a current admission; the section stays hidden when none has one. */
export async function loadResidences(residents, facilities, section, box) {
  const month = thisMonth();
  const panels = await Promise.all(residents.map(async (r) => {
    try {
      const page = await api('GET', `/admissions?residentId=${encodeURIComponent(r.id)}&status=admitted`);
      const admission = page.items[0];
      if (!admission) return null;
      const statement = await api('GET', `/residents/${encodeURIComponent(r.id)}/statements?month=${month}`).catch(() => null);
      return panel(r, admission, statement, facilities);
    } catch {
      return null;
    }
  }));
  const shown = panels.filter(Boolean);
  box.replaceChildren(...shown);
  section.hidden = shown.length === 0;
}
