// A map of facilities without tiles: an SVG scatter of lat/lng. Each point's shape and the words
// in its tooltip and the legend say the fill-rate band, so colour is never the only carrier.
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

export function drawMap(box, legend, facilities, rows) {
  const svg = node('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'map-title' });
  const title = node('title', { id: 'map-title' });
  title.textContent = t('bureau.mapLabel', { n: facilities.length });
  svg.append(title);
  if (facilities.length > 0) {
    const lats = facilities.map((f) => f.location.lat);
    const lngs = facilities.map((f) => f.location.lng);
    const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
    const span = Math.max(maxLat - minLat, maxLng - minLng, 0.05);
    const scale = Math.min((W - 2 * PAD) / span, (H - 2 * PAD) / span);
    const x = (lng) => PAD + (lng - minLng) * scale + ((W - 2 * PAD) - (maxLng - minLng) * scale) / 2;
    const y = (lat) => H - PAD - (lat - minLat) * scale - ((H - 2 * PAD) - (maxLat - minLat) * scale) / 2;
    for (const f of facilities) {
      const row = rows.get(f.id);
      const rate = row && row.capacity > 0 ? row.fillRate : null;
      const band = BANDS.find((b) => b.test(rate));
      const g = node('g', { 'data-band': band.key, 'data-facility': f.id });
      const tip = node('title', {});
      tip.textContent = `${f.name}: ${rate === null ? t('map.none') : `${(rate * 100).toFixed(1)}%`} (${t('map.' + band.key)})`;
      g.append(tip, mark(band.shape, x(f.location.lng), y(f.location.lat), band.color));
      svg.append(g);
    }
  }
  box.replaceChildren(svg);
  legend.replaceChildren(
    ...BANDS.map((b) => {
      const li = document.createElement('li');
      const icon = node('svg', { width: 22, height: 22, viewBox: '0 0 22 22', 'aria-hidden': 'true' });
      icon.append(mark(b.shape, 11, 11, b.color));
      li.append(icon, ` ${t('map.' + b.key)}`);
      return li;
    }),
  );
}
