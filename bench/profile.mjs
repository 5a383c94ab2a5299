// Profiles the import of one generated file in headless Chromium: the page and every worker get
// the V8 sampling profiler, and the functions taking the most time are printed per thread,
// named by their place in the TypeScript sources (through the build's source maps).
// Usage: npm run build && node --experimental-websocket bench/profile.mjs [--rows 1000000] [--top 25] [--timeline | --inclusive]
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { serveDist } from '../scripts/serve-dist.mjs';
import { generateTransactions } from './generate.mjs';

const PORT = 4175;
const CDP_PORT = 9339;
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rows = arg('--rows', 1_000_000);
const top = arg('--top', 25);
// --timeline: console output and marks only, without the profiler's overhead.
const profiling = !args.includes('--timeline');
// --inclusive: time with callees (where a long task comes from), instead of self time.
const inclusive = args.includes('--inclusive');
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
  console.log(`\n== ${label}: ${Math.round(total)} ms busy`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(Math.round(ms)).padStart(7)}  ${key}`);
}
cdp.close();
await browser.close();
server.close();
