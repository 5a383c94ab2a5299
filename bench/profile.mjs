// Profiles the import of one generated file in headless Chromium: the page and every worker get
// the V8 sampling profiler, and the functions taking the most time are printed per thread,
// named by their place in the TypeScript sources (through the build's source maps).
// Usage: npm run build && node --experimental-websocket bench/profile.mjs [--rows 1000000] [--top 25] [--timeline | --inclusive] [--after 3000]
// --after MS: keeps profiling that long after the scatter is painted (the work the import starts later).
// BENCH_PORT sets the page's port (the browser's debugging port is 5000 above it), so checkouts run side by side.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { serveDist } from '../scripts/serve-dist.mjs';
import { generateTransactions } from './generate.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4175);
const CDP_PORT = PORT === 4175 ? 9339 : PORT + 5000;
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rows = arg('--rows', 1_000_000);
const top = arg('--top', 25);
// --timeline: console output and marks only, without the profiler's overhead.
const profiling = !args.includes('--timeline');
// --inclusive: time with callees (where a long task comes from), instead of self time.
const inclusive = args.includes('--inclusive');
// --tasks: the page's long tasks (runs of samples with no idle gap, 50 ms or more), each with the
// app's functions that took the most of it (time with callees), to say where each comes from.
const tasks = args.includes('--tasks');
const after = arg('--after', 0);
const { path } = generateTransactions(rows);

const server = await serveDist(PORT, 'dist');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${CDP_PORT}`],
});

/** A raw CDP connection with flat sessions, so workers can be profiled from their first line. */
async function connect() {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${CDP_PORT}/json/version`)).json();
  const ws = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  ws.onmessage = ({ data }) => {
    const msg = JSON.parse(data);
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(JSON.stringify(msg.error)));
      else p.resolve(msg.result);
    } else for (const l of listeners) l(msg);
  };
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      pending.set(++id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  return { send, on: (l) => listeners.push(l), close: () => ws.close() };
}

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${PORT}/`);
const cdp = await connect();
const sessions = new Map(); // sessionId -> label
cdp.on(async (msg) => {
  if (msg.method === 'Runtime.consoleAPICalled') {
    console.log(`[${sessions.get(msg.sessionId)}] ${msg.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    return;
  }
  if (msg.method !== 'Target.attachedToTarget') return;
  const { sessionId, targetInfo, waitingForDebugger } = msg.params;
  sessions.set(sessionId, `${targetInfo.type} ${targetInfo.url.split('/').pop()}`);
  if (targetInfo.type === 'page' || targetInfo.type === 'worker') {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
  }
  await cdp.send('Runtime.enable', {}, sessionId);
  if (profiling) {
    await cdp.send('Profiler.enable', {}, sessionId);
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
    await cdp.send('Profiler.start', {}, sessionId);
  }
  if (waitingForDebugger) await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId);
});
const { targetInfos } = await cdp.send('Target.getTargets');
const target = targetInfos.find((t) => t.type === 'page' && t.url.includes(`${PORT}`));
await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
await page.waitForTimeout(300);

await page.getByTestId('file-input').setInputFiles(path);
await page.waitForFunction(() => performance.getEntriesByName('segment:scatter-painted').length > 0, null, { timeout: 600_000, polling: 50 });
if (after > 0) await page.waitForTimeout(after);
const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round((performance.timeOrigin + m.startTime) % 100000)}`));
console.log(marks.join('\n'));

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
  const m = maps.get(file);
  const pos = m?.originalPositionFor({ line: line + 1, column });
  return pos?.source ? `${pos.source.replace(/^(\.\.\/)+/, '')}:${pos.line}` : null;
}

/** Splits the samples into tasks at idle samples; prints those of 50 ms or more. */
function printTasks(profile, byId, parent, keyOf) {
  const idle = (id) => ['(idle)', '(program)'].includes(byId.get(id).callFrame.functionName);
  let t = profile.startTime;
  let task = null;
  const done = [];
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const id = profile.samples[i];
    if (idle(id)) {
      if (task) done.push(task);
      task = null;
      continue;
    }
    task ??= { from: t, to: t, ids: [] };
    task.to = t;
    task.ids.push([id, profile.timeDeltas[i + 1] ?? 0]);
  }
  if (task) done.push(task);
  console.log('\n== page long tasks (ms from the profile start, length, then the app functions with their time in it)');
  for (const k of done) {
    const ms = (k.to - k.from) / 1000;
    if (ms < 50) continue;
    const sums = new Map();
    for (const [id, dt] of k.ids) {
      const seen = new Set();
      for (let n = id; n !== undefined; n = parent.get(n)) {
        const key = keyOf(byId.get(n));
        if (seen.has(key) || !/ src\//.test(key)) continue;
        seen.add(key);
        sums.set(key, (sums.get(key) ?? 0) + dt / 1000);
      }
    }
    const topApp = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([key, v]) => `${Math.round(v)} ${key}`);
    console.log(`${Math.round((k.from - profile.startTime) / 1000)}\t${Math.round(ms)} ms\t${topApp.join(' | ')}`);
    // Self time (any code, the browser's own included) for the larger ones.
    if (ms < 200) continue;
    const own = new Map();
    for (const [id, dt] of k.ids) {
      const key = keyOf(byId.get(id));
      own.set(key, (own.get(key) ?? 0) + dt / 1000);
    }
    console.log(`\t\tself: ${[...own].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([key, v]) => `${Math.round(v)} ${key}`).join(' | ')}`);
  }
}

for (const [sessionId, label] of profiling ? sessions : []) {
  let profile;
  try {
    ({ profile } = await cdp.send('Profiler.stop', {}, sessionId));
  } catch {
    continue; // a worker that has ended
  }
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
  const self = new Map();
  let total = 0;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const keyOf = (node) => {
    const f = node.callFrame;
    const where = original(f.url, f.lineNumber, f.columnNumber) ?? f.url.split('/').pop();
    return `${f.functionName || '(anonymous)'} ${where}`;
  };
  for (const node of profile.nodes) {
    const ms = dt.get(node.id) ?? 0;
    if (ms === 0) continue;
    const f = node.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    total += ms;
    if (!inclusive) {
      const key = keyOf(node);
      self.set(key, (self.get(key) ?? 0) + ms);
      continue;
    }
    // Inclusive: the time counts once for every distinct function on the stack.
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const key = keyOf(byId.get(id));
      if (seen.has(key)) continue;
      seen.add(key);
      self.set(key, (self.get(key) ?? 0) + ms);
    }
  }
  if (tasks && label.startsWith('page')) printTasks(profile, byId, parent, keyOf);
  console.log(`\n== ${label}: ${Math.round(total)} ms busy`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(Math.round(ms)).padStart(7)}  ${key}`);
}
cdp.close();
await browser.close();
server.close();
