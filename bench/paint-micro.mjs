// The scatter's painter alone, in Node, on the bench's customer count (242,843 at 5M rows):
// the pictures of the bench's zoom-and-pan journey (twelve wheel steps in, a pan, twelve out)
// painted one after another, with and without a selection, exact and quick (as in motion). For the painter's inner loop only:
// the app's figures come from `npm run bench`.
//   node bench/paint-micro.mjs [--points 242843] [--width 710] [--height 338] [--dpr 1] [--rounds 5]
import { createServer } from 'vite';
import { mulberry32 } from '../scripts/mulberry32.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(args[at + 1]);
};
const n = opt('points', 242_843);
const width = opt('width', 710);
const height = opt('height', 338);
const dpr = opt('dpr', 1);
const rounds = opt('rounds', 5);

const server = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
const { ScatterPainter } = await server.ssrLoadModule('/src/charts/d3/scatter-painter.ts');
await server.close();

const rand = mulberry32(42);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
// Like recency × log net revenue: most customers recent, revenue log-normal, a few off the chart.
const bx = new Float32Array(n);
const by = new Float32Array(n);
const groups = new Uint8Array(n);
const selected = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  bx[i] = width * Math.min(1, rand() ** 1.6);
  by[i] = height * (0.55 + 0.14 * gauss());
  groups[i] = 1 + Math.floor(rand() * 10);
  selected[i] = bx[i] > width * 0.25 && bx[i] < width * 0.6 && by[i] > height * 0.25 && by[i] < height * 0.7 ? 1 : 0;
}
const palette = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207]];

// The journey's transforms, as the workspace's zoomAbout and pan make them.
const zooms = [];
let z = { k: 1, x: 0, y: 0 };
const about = (f, cx, cy) => {
  const k = z.k * f;
  const g = k / z.k;
  z = { k, x: cx - (cx - z.x) * g, y: cy - (cy - z.y) * g };
  zooms.push(z);
};
const cx = width * 0.4;
const cy = height * 0.5;
for (let i = 0; i < 12; i++) about(2 ** (1 / 3), cx, cy);
for (let i = 1; i <= 30; i++) {
  z = { ...z, x: z.x - 6, y: z.y + 2 };
  zooms.push(z);
}
for (let i = 0; i < 12; i++) about(2 ** (-1 / 3), cx - 180, cy + 60);

const painter = new ScatterPainter();
painter.take({ type: 'points', bx, by });
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
for (const [withSelection, quick] of [[false, false], [false, true], [true, false], [true, true]]) {
  painter.take({ type: 'colours', groups, hidden: [], selected: withSelection ? selected : null, palette, grey: [211, 215, 221] });
  const at1 = [];
  const all = [];
  let id = 0;
  for (let round = 0; round < rounds; round++) {
    for (const zoom of [{ k: 1, x: 0, y: 0 }, ...zooms]) {
      const t = performance.now();
      const picture = painter.paint({ type: 'paint', id: ++id, zoom, width: Math.round(width * dpr), height: Math.round(height * dpr), dpr, quick });
      const ms = performance.now() - t;
      if (round === 0) continue; // compiling
      all.push(ms);
      if (zoom.k === 1) at1.push(ms);
    }
  }
  const r = (v) => Math.round(v * 10) / 10;
  console.log(JSON.stringify({ points: n, width, height, dpr, selection: withSelection, quick, zoom1_median_ms: r(percentile(at1, 50)), journey_p95_ms: r(percentile(all, 95)), journey_median_ms: r(percentile(all, 50)) }));
}
