// Reads a memory timeline saved by the bench (BENCH_MEM_TIMELINE=file) and prints the renderer's
// resident memory at each of the page's marks, the highest sample between marks, and the peak.
// Usage: node bench/memory-timeline.mjs file.json
import { readFileSync } from 'node:fs';

const { bytes, samples, marks } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mb = (b) => Math.round(b / 1048576);
const t0 = samples[0]?.[0] ?? 0;
const sorted = marks.filter(([name]) => name !== 'segment:scatter-picture').sort((a, b) => a[1] - b[1]);
const at = (t) => samples.findLast(([s]) => s <= t)?.[1] ?? 0;
let from = t0;
for (const [name, t] of [...sorted, ['(end)', samples.at(-1)?.[0] ?? t0]]) {
  const span = samples.filter(([s]) => s > from && s <= t);
  const high = span.reduce((m, [, b]) => Math.max(m, b), 0);
  console.log(`${((t - t0) / 1000).toFixed(1).padStart(7)} s  ${String(mb(at(t))).padStart(5)} MB  highest before: ${String(mb(high)).padStart(5)} MB  ${name}`);
  from = t;
}
const [peakAt, peak] = samples.reduce((m, s) => (s[1] > m[1] ? s : m), [0, 0]);
const before = sorted.findLast(([, t]) => t <= peakAt);
console.log(`peak ${mb(peak)} MB (${(peak / bytes).toFixed(2)}x the file) at ${((peakAt - t0) / 1000).toFixed(1)} s, after ${before?.[0] ?? 'no mark'}`);
