// Where the memory of a load is held: loads a file into the built app (dist) in headless Chromium,
// waits for one of the page's marks, then takes a heap snapshot of the page and of each of its
// workers and prints, per thread, the total of its ArrayBuffer stores and the largest ones with
// the path that keeps each alive (property names from the store up). The typed arrays of an
// import live outside the JS heap, where `performance.memory` does not see them; this names them.
// Usage: npm run build && node bench/array-buffers.mjs bench/cache/transactions-10000000.csv
//        [--mark segment:session-lines-save-end] [--min-mb 1] [--top 25]
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { serveDist } from '../scripts/serve-dist.mjs';

const args = process.argv.slice(2);
const file = args[0];
if (!file) throw new Error('usage: node bench/array-buffers.mjs file.csv [--mark name] [--min-mb 1] [--top 25]');
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const mark = arg('--mark', 'segment:session-lines-save-end');
const minBytes = Number(arg('--min-mb', 1)) * 1048576;
const top = Number(arg('--top', 25));
const PORT = Number(process.env.BENCH_PORT ?? 4176);
const DEBUG_PORT = PORT + 1000;

// Playwright's CDP sessions reach pages, not dedicated workers: a raw connection to the browser
// attaches to the page with auto-attach (flattened), which hands over each worker's session.
const { ws: WebSocket } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle');

const server = await serveDist(PORT, 'dist');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--remote-debugging-port=${DEBUG_PORT}`] });
try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByTestId('file-input').waitFor();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 1_800_000, polling: 100 });
  await page.waitForTimeout(1000);

  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).json();
  const socket = new WebSocket(webSocketDebuggerUrl, { maxPayload: 2 ** 31 });
  await new Promise((resolve) => socket.on('open', resolve));
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m.result ?? {});
      pending.delete(m.id);
    } else for (const l of listeners) l(m);
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve) => {
    const i = ++id;
    pending.set(i, resolve);
    socket.send(JSON.stringify({ id: i, method, params, sessionId }));
  });
  const threads = [];
  listeners.add((m) => {
    if (m.method === 'Target.attachedToTarget') threads.push({ name: (m.params.targetInfo.url.split('/').pop() || m.params.targetInfo.type).slice(0, 60), sessionId: m.params.sessionId });
  });
  const { targetInfos } = await send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'page' && t.url.includes(`:${PORT}/`));
  const { sessionId } = await send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  threads.push({ name: 'page', sessionId });
  await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);
  await new Promise((resolve) => setTimeout(resolve, 1000));

  for (const thread of threads) {
    const chunks = [];
    const collect = (m) => {
      if (m.sessionId === thread.sessionId && m.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(m.params.chunk);
    };
    listeners.add(collect);
    await send('HeapProfiler.enable', {}, thread.sessionId);
    await send('HeapProfiler.collectGarbage', {}, thread.sessionId);
    await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, thread.sessionId);
    listeners.delete(collect);
    if (chunks.length === 0) continue;
    report(thread.name, JSON.parse(chunks.join('')));
  }
  socket.close();
} finally {
  await browser.close();
  server.close();
}

/** Prints a snapshot's ArrayBuffer stores: their total, and the largest with a path that keeps each. */
function report(name, snapshot) {
  const { meta } = snapshot.snapshot;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const [nType, nName, nSize, nEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / NF;
  const retainer = new Int32Array(count).fill(-1);
  const retainingEdge = new Int32Array(count).fill(-1);
  for (let i = 0, e = 0; i < count; i++) {
    for (let k = 0; k < nodes[i * NF + nEdges]; k++, e += EF) {
      const to = edges[e + eTo] / NF;
      // One retainer per node: the first that is not a closure's context or an internal node
      // (those read worst), else the first.
      const plain = (n) => !/^system \/ Context|^\(/.test(strings[nodes[n * NF + nName]]);
      if (retainer[to] < 0 || (!plain(retainer[to]) && plain(i))) {
        retainer[to] = i;
        retainingEdge[to] = e;
      }
    }
  }
  const edgeName = (e) => {
    const kind = meta.edge_types[0][edges[e + eType]];
    return kind === 'element' || kind === 'hidden' ? `[${edges[e + eName]}]` : strings[edges[e + eName]];
  };
  const stores = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (meta.node_types[0][nodes[i * NF + nType]] !== 'native' || !strings[nodes[i * NF + nName]].includes('JSArrayBufferData')) continue;
    const size = nodes[i * NF + nSize];
    total += size;
    if (size >= minBytes) stores.push([size, i]);
  }
  stores.sort((a, b) => b[0] - a[0]);
  console.log(`\n== ${name}: ArrayBuffer stores ${(total / 1048576).toFixed(1)} MiB`);
  for (const [size, i] of stores.slice(0, top)) {
    console.log(`${(size / 1048576).toFixed(1).padStart(8)} MiB  ${describe(i)}`);
  }

  /** The store's keepers: store <- ArrayBuffer <- typed array <- the object holding it, and so on up. */
  function describe(store) {
    const names = [];
    let at = store;
    for (let depth = 0; depth < 7 && retainer[at] >= 0; depth++) {
      const from = retainer[at];
      names.push(`${edgeName(retainingEdge[at])} (${strings[nodes[from * NF + nName]].slice(0, 24)})`);
      at = from;
    }
    return names.join(' <- ');
  }
}
