import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const maps = new Map();
function original(url, line, column) {
  const file = url.split('/').pop();
  if (!file.endsWith('.js') || line < 0) return null;
  if (!maps.has(file)) { try { maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`dist/assets/${file}.map`, 'utf8')))); } catch { maps.set(file, null); } }
  const pos = maps.get(file)?.originalPositionFor({ line: line + 1, column });
  return pos?.source ? `${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}` : null;
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${original(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber) ?? n.callFrame.url.split('/').pop()}`;
const self = new Map(), total = new Map();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  let id = profile.samples[i];
  const n = byId.get(id);
  if (['(idle)', '(program)'].includes(n.callFrame.functionName)) continue;
  busy += dt;
  self.set(key(n), (self.get(key(n)) ?? 0) + dt);
  const seen = new Set();
  while (id !== undefined) { const k = key(byId.get(id)); if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + dt); } id = parent.get(id); }
}
console.log('busy', busy.toFixed(1));
console.log('self'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(v.toFixed(1).padStart(7), k);
console.log('total'); for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(v.toFixed(1).padStart(7), k);
