// Reads a main-thread CPU profile saved by the bench (CLV_PROFILE=file node bench/run.mjs ... --clv-only)
// and prints its tasks of 40 ms or more: each with the app functions taking the most of it (time with
// callees) and the code taking the most self time, named by their place in the TypeScript sources
// (through dist's source maps, so build first from the same sources).
// Usage: node bench/cpuprofile-tasks.mjs file.cpuprofile [--min 40] [--top 14] [--with segment-model.svelte.ts]
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const min = arg('--min', 40);
const top = arg('--top', 14);
// --with TEXT: only the tasks that ran a function whose name or place contains TEXT (any length).
const only = args.includes('--with') ? args[args.indexOf('--with') + 1] : null;
const profile = JSON.parse(readFileSync(args[0], 'utf8'));

const maps = new Map();
function original(url, line, column) {
  const file = url.split('/').pop();
  if (!file.endsWith('.js') || line < 0) return null;
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`dist/assets/${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  const pos = maps.get(file)?.originalPositionFor({ line: line + 1, column });
  return pos?.source ? `${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}` : null;
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const keyOf = (node) => {
  const f = node.callFrame;
  return `${f.functionName || '(anonymous)'} ${original(f.url, f.lineNumber, f.columnNumber) ?? f.url.split('/').pop()}`;
};
const idle = (id) => ['(idle)', '(program)'].includes(byId.get(id).callFrame.functionName);

let t = profile.startTime;
let task = null;
const done = [];
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const id = profile.samples[i];
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  if (idle(id)) {
    if (task) done.push(task);
    task = null;
    continue;
  }
  task ??= { from: t, to: t, ids: [] };
  task.to = t + dt * 1000;
  task.ids.push([id, dt]);
}
if (task) done.push(task);
for (const k of done) {
  const ms = (k.to - k.from) / 1000;
  if (only ? !k.ids.some(([id]) => { for (let n = id; n !== undefined; n = parent.get(n)) if (keyOf(byId.get(n)).includes(only)) return true; return false; }) : ms < min) continue;
  const incl = new Map();
  const own = new Map();
  for (const [id, dt] of k.ids) {
    own.set(keyOf(byId.get(id)), (own.get(keyOf(byId.get(id))) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const key = keyOf(byId.get(n));
      if (seen.has(key) || !/ src\//.test(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + dt);
    }
  }
  const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, v]) => `    ${v.toFixed(1).padStart(6)}  ${key}`).join('\n');
  console.log(`\n== task at ${Math.round((k.from - profile.startTime) / 1000)} ms, ${Math.round(ms)} ms\n  app, with callees:\n${fmt(incl)}\n  self:\n${fmt(own)}`);
}
