// The benchmark: feeds generated files through the built app's real file input in headless
// Chromium and reports, per size, one JSON line (also written to bench/results/latest.json).
// Usage: npm run bench                       (100k, 1M and 5M rows)
//        npm run bench -- --rows 1000000     (one size)
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { serveDist } from '../scripts/serve-dist.mjs';
import { generateTransactions } from './generate.mjs';

const PORT = 4174;
const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const sizes = rowsArg >= 0 ? [Number(args[rowsArg + 1])] : [100_000, 1_000_000, 5_000_000];
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--rows needs a positive integer, got ${args[rowsArg + 1]}`);

const executablePath = process.env.CHROMIUM_PATH === 'playwright' ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const server = await serveDist(PORT);
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--enable-precise-memory-info',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ],
});

// Runs in the page before the app: counts main-thread long tasks and samples the JS heap.
function instrument() {
  const w = window;
  w.__bench = { lt: [], peakHeap: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.lt.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const sample = () => {
    const m = performance.memory;
    if (m) w.__bench.peakHeap = Math.max(w.__bench.peakHeap, m.usedJSHeapSize);
  };
  setInterval(sample, 25);
}

const results = [];
try {
  for (const rows of sizes) {
    const { path, bytes } = generateTransactions(rows);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('file-input').setInputFiles(path);
    await page.waitForFunction(() => performance.getEntriesByName('segment:scatter-painted').length > 0, null, { timeout: 600_000, polling: 50 });
    const m = await page.evaluate(() => {
      const t = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      const start = t('segment:file-selected');
      return {
        ingest: t('segment:customers-ready') - start,
        score: t('segment:scores-ready') - t('segment:customers-ready'),
        paint: t('segment:scatter-painted') - t('segment:scores-ready'),
        total: t('segment:scatter-painted') - start,
        // Only tasks from the moment the file was chosen: page start-up is not the import.
        longTasks: (window.__bench.lt ?? []).filter(([at]) => at >= start).map(([, d]) => d),
        peakHeap: window.__bench.peakHeap,
        debug: [window.__bench.lt, performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])],
        customers: Number(document.querySelector('[data-testid="customers"]')?.textContent?.replace(/,/g, '')),
      };
    });
    const result = {
      rows,
      bytes,
      customers: m.customers,
      ingest_ms: Math.round(m.ingest),
      score_ms: Math.round(m.score),
      paint_ms: Math.round(m.paint),
      total_ms: Math.round(m.total),
      long_tasks: m.longTasks.length,
      max_long_task_ms: Math.round(Math.max(0, ...m.longTasks)),
      peak_heap_mb: Math.round(m.peakHeap / 1048576),
    };
    if (process.env.BENCH_DEBUG) console.error(JSON.stringify(m.debug));
    console.log(JSON.stringify(result));
    results.push(result);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');
