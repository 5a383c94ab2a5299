// Sums the page's main-thread work in a trace of the scatter journey (BENCH_SCATTER_TRACE=file) by
// kind (self time of each trace event: scripts, style, layout, paint, GC...), with the tasks' count,
// total and longest, and the GC events' count and time. Usage: node bench/trace-frames.mjs file.json [--top 20]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 20;
const raw = JSON.parse(readFileSync(args[0], 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;
const mark = events.find((e) => e.cat?.includes('blink.user_timing') && e.name?.startsWith('segment:'));
const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!mark || e.pid === mark.pid));
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const tasks = onMain.filter((e) => e.name === 'RunTask');
// Self time: each event's duration less its children's (events nest on one thread).
const self = new Map();
const stack = [];
const add = (e, d) => self.set(e.name, (self.get(e.name) ?? 0) + d);
for (const e of onMain) {
  while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) {
    const done = stack.pop();
    add(done, done.dur - done.kids);
  }
  if (stack.length) stack.at(-1).kids += e.dur;
  stack.push({ ...e, kids: 0 });
}
while (stack.length) {
  const done = stack.pop();
  add(done, done.dur - done.kids);
}
const ms = (v) => Math.round(v / 100) / 10;
const gc = onMain.filter((e) => /^(MinorGC|MajorGC|V8\.GC_SCAVENGER|V8\.GC_MC_|BlinkGC\.|ScavengeTask|V8\.GCScavenger|V8\.GCFinalizeMC$|V8\.GCIncrementalMarking$)/.test(e.name) || e.name === 'MinorGC' || e.name === 'MajorGC');
const gcBy = new Map();
for (const e of gc) {
  const g = gcBy.get(e.name) ?? { n: 0, ms: 0, max: 0 };
  g.n++;
  g.ms += e.dur;
  g.max = Math.max(g.max, e.dur);
  gcBy.set(e.name, g);
}
console.log(JSON.stringify({ tasks: tasks.length, task_ms: ms(tasks.reduce((s, e) => s + e.dur, 0)), longest_ms: ms(Math.max(...tasks.map((e) => e.dur))), over_16: tasks.filter((e) => e.dur > 16000).map((e) => ms(e.dur)) }));
console.log('gc:', JSON.stringify([...gcBy].map(([k, g]) => [k, g.n, ms(g.ms), ms(g.max)])));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(ms(v)).padStart(7)} ms  ${k}`);
