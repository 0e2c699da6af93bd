// A map of facilities without tiles: an SVG scatter of lat/lng. Each point's shape and the words
// in its tooltip and the legend say the fill-rate band, so colour is never the only carrier.
// A point is a button (click, Enter or Space): a card opens with the facility's name, fill rate and,
// where it has beds, its bed occupancy. The same figures are in the table beside the map.
import { t } from './common.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 480;
const PAD = 30;
export const BANDS = [
  { key: 'over', test: (r) => r !== null && r >= 0.9, color: '#a4161a', shape: 'triangle' },
  { key: 'normal', test: (r) => r !== null && r >= 0.5, color: '#0b4f8a', shape: 'circle' },
  { key: 'under', test: (r) => r !== null, color: '#b35900', shape: 'square' },
  { key: 'none', test: () => true, color: '#4a4a4a', shape: 'diamond' },
];

function node(tag, attrs) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  return n;
}

function mark(shape, x, y, color) {
  const s = 7;
  const attrs = { fill: color, stroke: '#fff', 'stroke-width': 1.5 };
  if (shape === 'circle') return node('circle', { cx: x, cy: y, r: s, ...attrs });
  if (shape === 'square') return node('rect', { x: x - s, y: y - s, width: 2 * s, height: 2 * s, ...attrs });
  if (shape === 'triangle') return node('polygon', { points: `${x},${y - s - 2} ${x - s - 1},${y + s} ${x + s + 1},${y + s}`, ...attrs });
  return node('polygon', { points: `${x},${y - s - 2} ${x + s + 2},${y} ${x},${y + s + 2} ${x - s - 2},${y}`, ...attrs });
}

const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** The words for one facility, shared by its card and its row in the table. */
export function pointFigures(f, row, bedRow) {
  const rate = row && row.capacity > 0 ? row.fillRate : null;
  const band = BANDS.find((b) => b.test(rate));
  const fill = rate === null ? t('map.none') : t('map.fill', { rate: pct(rate), booked: row.booked, capacity: row.capacity });
  const beds = bedRow && bedRow.beds > 0 ? t('map.beds', { rate: pct(bedRow.occupancyRate), beds: bedRow.beds }) : t('map.noBeds');
  return { rate, band, fill, beds, hasBeds: Boolean(bedRow && bedRow.beds > 0) };
}

function closeCard(box, back) {
  box.querySelector('.map-card')?.remove();
  for (const g of box.querySelectorAll('g[aria-expanded="true"]')) g.setAttribute('aria-expanded', 'false');
  if (back) back.focus();
}

function openCard(box, g, f, figures, at) {
  closeCard(box);
  const card = document.createElement('div');
  card.className = 'map-card';
  card.id = 'map-card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-labelledby', 'map-card-h');
  // Beside the point, kept inside the map (the card is at most 16rem wide).
  card.style.left = `${Math.min(Math.max((at.x / W) * 100, 2), 98)}%`;
  card.style.top = `${(at.y / H) * 100}%`;
  if (at.x > W / 2) card.classList.add('left');
  if (at.y > H / 2) card.classList.add('up');
  const h = document.createElement('h3');
  h.id = 'map-card-h';
  h.textContent = f.name;
  const lines = [f.district, figures.fill, figures.beds].map((text, i) => {
    const p = document.createElement('p');
    p.className = ['district', 'fill', 'beds'][i];
    p.textContent = text;
    return p;
  });
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'secondary close';
  close.textContent = t('map.close');
  close.addEventListener('click', () => closeCard(box, g));
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeCard(box, g);
  });
  card.append(h, ...lines, close);
  box.append(card);
  g.setAttribute('aria-expanded', 'true');
}

/** The rings of a GeoJSON Polygon or MultiPolygon, as [lng, lat] lists. */
const ringsOf = (geometry) => (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat());

/** The county outlines under the points: a path per county with its name, and the name written at its centre. */
function drawOutlines(svg, outlines, x, y) {
  const land = node('g', { class: 'counties' });
  const names = node('g', { class: 'county-names', 'aria-hidden': 'true' });
  for (const f of outlines.features) {
    const d = ringsOf(f.geometry).map((ring) => 'M' + ring.map(([lng, lat]) => `${x(lng).toFixed(1)},${y(lat).toFixed(1)}`).join('L') + 'Z').join('');
    const path = node('path', { d, 'data-region': f.properties.name, 'data-code': f.properties.code, fill: '#eef2f6', stroke: '#6b7785', 'stroke-width': 1.2, 'stroke-linejoin': 'round' });
    const tip = node('title', {});
    tip.textContent = f.properties.name;
    path.append(tip);
    land.append(path);
    const [lng, lat] = f.properties.cp;
    const label = node('text', { x: x(lng).toFixed(1), y: (y(lat) + 16).toFixed(1), 'text-anchor': 'middle', 'font-size': 13, fill: '#2b333d', stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' });
    label.textContent = f.properties.name;
    names.append(label);
  }
  svg.append(land, names);
}

/**
 * Draws the map. `colourBy` 'occupancy' bands the points by bed occupancy (facilities without beds are
 * diamonds); the card and the table always give both figures.
 */
export function drawMap(box, legend, facilities, rows, bedRows = new Map(), tableBox = null, outlines = null, colourBy = 'fill') {
  const words = colourBy === 'occupancy' ? 'map.occ.' : 'map.';
  const svg = node('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'map-title' });
  const title = node('title', { id: 'map-title' });
  title.textContent = t('bureau.mapLabel', { n: facilities.length });
  svg.append(title);
  // The frame: the whole city when its outlines are here, else the facilities' extent.
  const points = [...facilities.map((f) => [f.location.lng, f.location.lat]), ...(outlines ? outlines.features.flatMap((f) => ringsOf(f.geometry).flat()) : [])];
  if (points.length > 0) {
    const lats = points.map((p) => p[1]);
    const lngs = points.map((p) => p[0]);
    const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
    // A degree of longitude is shorter than one of latitude this far south (cos 25.8° ≈ 0.9).
    const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const spanX = Math.max((maxLng - minLng) * k, 0.05);
    const spanY = Math.max(maxLat - minLat, 0.05);
    const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
    const x = (lng) => PAD + (lng - minLng) * k * scale + ((W - 2 * PAD) - (maxLng - minLng) * k * scale) / 2;
    const y = (lat) => H - PAD - (lat - minLat) * scale - ((H - 2 * PAD) - (maxLat - minLat) * scale) / 2;
    if (outlines) drawOutlines(svg, outlines, x, y);
    const hits = node('g', { 'aria-hidden': 'true' });
    svg.append(hits);
    for (const f of facilities) {
      const figures = pointFigures(f, rows.get(f.id), bedRows.get(f.id));
      const bed = bedRows.get(f.id);
      const rate = colourBy === 'occupancy' ? (figures.hasBeds ? bed.occupancyRate : null) : figures.rate;
      const band = colourBy === 'occupancy' ? BANDS.find((b) => b.test(rate)) : figures.band;
      const at = { x: x(f.location.lng), y: y(f.location.lat) };
      const g = node('g', { 'data-band': band.key, 'data-facility': f.id, tabindex: 0, role: 'button', 'aria-expanded': 'false', 'aria-controls': 'map-card' });
      const tip = node('title', {});
      tip.textContent = `${f.name}: ${rate === null ? t(words + 'none') : pct(rate)} (${t(words + band.key)})`;
      g.append(tip, mark(band.shape, at.x, at.y, band.color));
      // A wider invisible ring around the small mark, for a finger; the rings lie under every mark.
      const hit = node('circle', { class: 'hit', cx: at.x, cy: at.y, r: 14, fill: 'transparent' });
      hits.append(hit);
      for (const n of [g, hit]) n.addEventListener('click', () => openCard(box, g, f, figures, at));
      g.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        openCard(box, g, f, figures, at);
        box.querySelector('.map-card button.close')?.focus();
      });
      svg.append(g);
    }
  }
  box.replaceChildren(svg);
  if (tableBox) drawTable(tableBox, facilities, rows, bedRows);
  legend.replaceChildren(
    ...BANDS.map((b) => {
      const li = document.createElement('li');
      const icon = node('svg', { width: 22, height: 22, viewBox: '0 0 22 22', 'aria-hidden': 'true' });
      icon.append(mark(b.shape, 11, 11, b.color));
      li.append(icon, ` ${t(words + b.key)}`);
      return li;
    }),
  );
}

/** The map's figures as text: one row a facility, the fullest first. */
function drawTable(tableBox, facilities, rows, bedRows) {
  const list = facilities
    .map((f) => ({ f, figures: pointFigures(f, rows.get(f.id), bedRows.get(f.id)), bed: bedRows.get(f.id) }))
    .sort((a, b) => (b.figures.rate ?? -1) - (a.figures.rate ?? -1) || a.f.name.localeCompare(b.f.name, 'zh'));
  const cell = (tag, text, attrs = {}) => {
    const c = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) c.setAttribute(k, v);
    c.textContent = text;
    return c;
  };
  const table = document.createElement('table');
  const head = document.createElement('tr');
  head.append(...[t('col.facility'), t('bureau.district'), t('bureau.fillRate'), t('map.band'), t('bureau.col.beds'), t('map.occupancy')].map((h) => cell('th', h, { scope: 'col' })));
  const body = document.createElement('tbody');
  for (const { f, figures, bed } of list) {
    const tr = document.createElement('tr');
    tr.dataset.facility = f.id;
    tr.append(cell('th', f.name, { scope: 'row' }), cell('td', f.district), cell('td', pct(figures.rate)), cell('td', t('map.' + figures.band.key)), cell('td', figures.hasBeds ? String(bed.beds) : '—'), cell('td', figures.hasBeds ? pct(bed.occupancyRate) : '—'));
    body.append(tr);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(thead, body);
  tableBox.replaceChildren(table);
}
