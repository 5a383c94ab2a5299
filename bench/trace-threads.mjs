// Reads a Chromium trace saved by the bench with BENCH_TRACE_SAMPLES=1 (BENCH_TRACE_LOAD=file
// BENCH_TRACE_SAMPLES=1 node bench/run.mjs --rows 5000000 --load-only) and prints, for each thread
// that ran JavaScript between two of the app's marks, its sampled time (samples taken while the
// thread was descheduled count too: on a busy machine this is more than its CPU time) and the
// functions taking the most self time, named by their place in the TypeScript sources through
// dist's source maps (build first from the same sources). The main thread, the ingest worker, the
// part reader and the analysis worker each show apart, which a main-thread profile cannot.
// Usage: node bench/trace-threads.mjs file.json [--from file-selected] [--to customers-ready] [--top 20]
// --to end: to the end of the trace.
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const from = option('--from', 'file-selected');
const to = option('--to', 'customers-ready');
const top = Number(option('--top', 20));
const raw = JSON.parse(readFileSync(args[0], 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;

const maps = new Map();
function where(url, line, column) {
  const file = (url ?? '').split('/').pop();
  if (!file.endsWith('.js')) return file;
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`dist/assets/${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  const pos = maps.get(file)?.originalPositionFor({ line: line + 1, column: Math.max(0, column) });
  return pos?.source ? `${pos.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '')}:${pos.line}` : file;
}

const markAt = (name) => {
  const at = events.filter((e) => e.name === `segment:${name}`).map((e) => e.ts);
  if (at.length === 0) throw new Error(`trace-threads: no mark segment:${name} in the trace`);
  return Math.min(...at);
};
const start = markAt(from);
const end = to === 'end' ? Infinity : markAt(to);

const threadNames = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
// A profile per isolate: its node tree and samples arrive in chunks.
const profiles = new Map();
for (const e of events) {
  const key = `${e.pid}:${e.id}`;
  if (e.name === 'Profile') profiles.set(key, { thread: `${e.pid}:${e.tid}`, startTime: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
  if (e.name !== 'ProfileChunk' || !profiles.has(key)) continue;
  const p = profiles.get(key);
  const data = e.args.data;
  for (const node of data.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
  p.samples.push(...(data.cpuProfile?.samples ?? []));
  p.deltas.push(...(data.timeDeltas ?? []));
}
if (profiles.size === 0) throw new Error('trace-threads: no CPU samples in the trace (record it with BENCH_TRACE_SAMPLES=1)');

console.log(`${from} to ${to}: ${to === 'end' ? 'to the end' : `${Math.round((end - start) / 1000)} ms`}`);
for (const p of profiles.values()) {
  const self = new Map();
  // Dedicated workers all have one thread name: each is named by the script it runs most.
  const scripts = new Map();
  let busy = 0;
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.deltas[i] ?? 0;
    if (t < start || t > end) continue;
    const frame = p.nodes.get(p.samples[i])?.callFrame ?? {};
    if (frame.functionName === '(idle)') continue;
    // A sample stands for the time to the next one.
    const ms = (p.deltas[i + 1] ?? 0) / 1000;
    const name = `${frame.functionName || '(anonymous)'} ${where(frame.url, frame.lineNumber ?? 0, frame.columnNumber ?? 0)}`.trim();
    self.set(name, (self.get(name) ?? 0) + ms);
    const script = (frame.url ?? '').split('/').pop().replace(/-[\w-]{8}\.js$/, '');
    if (script) scripts.set(script, (scripts.get(script) ?? 0) + ms);
    busy += ms;
  }
  if (busy < 20) continue;
  const script = [...scripts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const thread = threadNames.get(p.thread) ?? p.thread;
  console.log(`\n== ${thread === 'CrRendererMain' || !script ? thread : script}: ${Math.round(busy)} ms sampled busy`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(6)}  ${name}`);
}
