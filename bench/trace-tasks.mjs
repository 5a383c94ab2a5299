// Reads a Chromium trace saved by the bench (BENCH_TRACE=file node bench/run.mjs ... --clv-only) and
// prints the page's main-thread tasks of 50 ms or more: for each, the time by kind of work (self
// time: scripts, style, layout, paint, GC...), the scripts it ran (callbacks, named by their place
// in the TypeScript sources through dist's source maps, so build first from the same sources),
// the forced layouts with the script that forced them, and the app's marks inside it.
// Each task's CPU time (the main thread's own time, which a busy machine does not stretch) is
// printed beside its length; --cpu selects tasks by CPU time instead.
// Usage: node bench/trace-tasks.mjs file.json [--min 50] [--top 12] [--cpu]
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const min = arg('--min', 50) * 1000;
const top = arg('--top', 12);
const byCpu = args.includes('--cpu');
const raw = JSON.parse(readFileSync(args[0], 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;

const maps = new Map();
function where(url, line, column) {
  const file = (url ?? '').split('/').pop();
  if (!file.endsWith('.js') || !(line >= 0)) return file || '?';
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`dist/assets/${file}.map`, 'utf8'))));
    } catch {
      maps.set(file, null);
    }
  }
  // Trace frames count lines and columns from 1 in some events and from 0 in others: both are tried.
  const m = maps.get(file);
  const pos = m?.originalPositionFor({ line: line + 1, column: Math.max(0, column) }) ?? null;
  return pos?.source ? `${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}${pos.name ? ` ${pos.name}` : ''}` : file;
}
const frame = (f) => (f ? `${f.functionName || '(anonymous)'} ${where(f.url, (f.lineNumber ?? 0) - (f.lineNumber > 0 ? 1 : 0), (f.columnNumber ?? 1) - 1)}` : '?');

// The page's main thread: the one with the app's marks.
const mark = events.find((e) => e.cat?.includes('blink.user_timing') && e.name?.startsWith('segment:'));
const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!mark || e.pid === mark.pid));
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && (e.ph === 'X' || e.ph === 'I' || e.ph === 'R' || e.ph === 'i')).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
const marks = events.filter((e) => e.pid === main.pid && e.cat?.includes('blink.user_timing') && e.name?.startsWith('segment:') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'i' || e.ph === 'n'));
// Times are from the fit's start (--clv-only) or the file's choice (an import's trace).
const origin = (marks.find((e) => e.name === 'segment:clv-start') ?? marks.find((e) => e.name === 'segment:file-selected') ?? onMain[0]).ts;
const ms = (us) => Math.round(us / 1000);

for (const task of onMain.filter((e) => e.name === 'RunTask' && (byCpu ? (e.tdur ?? 0) : e.dur) >= min)) {
  const end = task.ts + task.dur;
  const inside = onMain.filter((e) => e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
  // Self time by kind: each event's duration less its children's.
  const self = new Map();
  const stack = [];
  const close = (upTo) => {
    while (stack.length && stack.at(-1).end <= upTo) stack.pop();
  };
  const selfOf = new Map(inside.map((e) => [e, e.dur ?? 0]));
  for (const e of inside) {
    close(e.ts);
    const up = stack.at(-1);
    if (up) selfOf.set(up.e, selfOf.get(up.e) - (e.dur ?? 0));
    stack.push({ e, end: e.ts + (e.dur ?? 0) });
  }
  for (const [e, us] of selfOf) self.set(e.name, (self.get(e.name) ?? 0) + us);
  const scripts = inside.filter((e) => ['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'V8.Execute'].includes(e.name) && e.dur >= 2000)
    .map((e) => `${(e.dur / 1000).toFixed(1).padStart(6)}  ${e.name} ${e.args?.data?.functionName !== undefined ? frame(e.args.data) : (e.args?.data?.type ?? '')}`);
  const layouts = inside.filter((e) => ['Layout', 'UpdateLayoutTree', 'ParseHTML', 'Paint', 'PrePaint', 'Layerize', 'Commit'].includes(e.name) && e.dur >= 2000)
    .map((e) => `${(e.dur / 1000).toFixed(1).padStart(6)}  ${e.name}${e.args?.beginData?.stackTrace ? ` forced by ${e.args.beginData.stackTrace.slice(0, 3).map(frame).join(' < ')}` : ''}${e.args?.elementCount ? ` (${e.args.elementCount} elements)` : ''}${e.args?.beginData?.dirtyObjects ? ` (${e.args.beginData.dirtyObjects}/${e.args.beginData.totalObjects} objects)` : ''}`);
  const named = marks.filter((m) => m.ts >= task.ts && m.ts <= end).map((m) => `${m.name.replace('segment:', '')}@${ms(m.ts - origin)}`);
  const before = marks.filter((m) => m.ts < task.ts).at(-1);
  console.log(`\n== task at ${ms(task.ts - origin)} ms, ${ms(task.dur)} ms (CPU ${ms(task.tdur ?? NaN)} ms); last mark before: ${before ? `${before.name.replace('segment:', '')}@${ms(before.ts - origin)}` : '-'}; inside: ${named.join(' ') || '-'}`);
  console.log(`  self: ${[...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(' | ')}`);
  if (scripts.length) console.log(`  scripts:\n    ${scripts.slice(0, top).join('\n    ')}`);
  if (layouts.length) console.log(`  rendering:\n    ${layouts.slice(0, top).join('\n    ')}`);
}
