// The benchmark: feeds generated files through the built app's real file input in headless
// Chromium and reports, per size, one JSON line (also written to bench/results/latest.json).
// Usage: npm run bench                       (100k, 1M and 5M rows)
//        npm run bench -- --rows 1000000     (one size)
//        npm run bench -- --rows 5000000 --scatter-only   (import, then the scatter journey only)
//        npm run bench -- --rows 5000000 --scatter-only --uncapped   (the same without the 60 Hz frame cap)
//        npm run bench -- --rows 10000000 --load-only     (import only: its time and the renderer's memory)
//        npm run bench -- --rows 5000000 --clv-only       (import, then the lifetime value fit only,
//                                                          with the main thread's long tasks during it and 2 s after)
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serveDist } from '../scripts/serve-dist.mjs';
import { checkAgainstDuckdb, duckdbOnPageFile, keepChosenFile, prepareDuckdb } from './duckdb.mjs';
import { generateTransactions } from './generate.mjs';
import { shiftDrag } from '../scripts/shift-drag.mjs';
import { rendererMemorySampler } from './renderer-memory.mjs';
import { pictureIntervals as splitIntervals } from './picture-intervals.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4174);
const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const sizes = rowsArg >= 0 ? [Number(args[rowsArg + 1])] : [100_000, 1_000_000, 5_000_000];
const scatterOnly = args.includes('--scatter-only');
const sessionOnly = args.includes('--session-only');
const clvOnly = args.includes('--clv-only');
const loadOnly = args.includes('--load-only');
// --uncapped: Chromium without the display's frame cap, so frames come as fast as the pipeline makes them
// and the interval between the scatter's pictures measures the painting, not the 60 Hz refresh.
const uncapped = args.includes('--uncapped');
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--rows needs a positive integer, got ${args[rowsArg + 1]}`);

const executablePath = process.env.CHROMIUM_PATH === 'playwright' ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const server = await serveDist(PORT, 'dist', { extra: await prepareDuckdb() });
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
    // BENCH_EXPOSE_GC=1: gc() in the page and workers, to tell garbage from memory held (a trial build calls it).
    ...(process.env.BENCH_EXPOSE_GC ? ['--js-flags=--expose-gc'] : []),
    ...(uncapped ? ['--disable-frame-rate-limit', '--disable-gpu-vsync'] : []),
  ],
});

// BENCH_TRACE_TOPLEVEL=1: each task in the traces also names where Chromium posted it (src_file,
// src_func), which tells the browser's own tasks apart: autofill_agent.cc and form_tracker.cc
// laid out the settings cards skipped by content-visibility, outside any script of ours.
const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'v8.execute',
  'blink.user_timing',
  ...(process.env.BENCH_TRACE_TOPLEVEL ? ['toplevel', 'disabled-by-default-toplevel.flow'] : []),
];

// Runs in the page before the app: counts main-thread long tasks and samples the JS heap.
function instrument() {
  const w = window;
  w.__bench = { lt: [], peakHeap: 0, sampling: true };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.lt.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Off during the scatter journey: with precise memory info the reads cost the main thread 45 ms
  // over the 5M in-page journey's profile (shared machine), time that is the bench's, not the app's.
  const sample = () => {
    if (!w.__bench.sampling) return;
    const m = performance.memory;
    if (m) w.__bench.peakHeap = Math.max(w.__bench.peakHeap, m.usedJSHeapSize);
  };
  setInterval(sample, 25);
}

/**
 * The clustering journey as an analyst makes it, through the app's controls: "Suggest k" (the
 * sweep over k = 2..10 with silhouettes), then k = 5 with the default features and "Find
 * clusters", until the scatter is repainted by cluster. Times are the app's own measures around
 * the worker calls ('segment:ksweep', 'segment:kmeans').
 */
/**
 * "Fit lifetime value" with the default settings, through the panel's button: both purchase
 * models on the calibration period with their backtests, the chosen one on all purchases,
 * Gamma-Gamma and every customer's predictions. The time is the app's measure ('segment:clv')
 * around the analysis worker call; the long tasks are those on the main thread meanwhile.
 */
async function clvThroughUi(page) {
  const from = await page.evaluate(() => performance.now());
  await page.getByTestId('clv-fit').click();
  await page.waitForFunction(() => performance.getEntriesByName('segment:clv', 'measure').length > 0, null, { timeout: 900_000, polling: 100 });
  const shown = await page.evaluate((start) => ({
    ms: performance.getEntriesByName('segment:clv', 'measure').at(-1)?.duration ?? NaN,
    problems: document.querySelector('[data-testid="clv-problems"]')?.textContent ?? '',
    modelProblems: document.querySelector('[data-testid="clv-model-problems"]')?.textContent ?? '',
    fitted: document.querySelector('[data-testid="clv-purchase-fit"]')?.textContent?.trim() ?? '',
    longTasks: (window.__bench.lt ?? []).filter(([at]) => at >= start).map(([, d]) => d),
    from: start,
  }), from);
  if (shown.problems) throw new Error(`bench: lifetime value failed: ${shown.problems}`);
  return shown;
}

async function clusterThroughUi(page) {
  const measured = (name) => page.waitForFunction((n) => performance.getEntriesByName(n, 'measure').length > 0 || document.querySelector('[data-testid="clustering-problem"]'), name, { timeout: 600_000, polling: 50 });
  const clusters = page.getByTestId('clustering');
  const from = await page.evaluate(() => performance.now());
  await clusters.getByRole('button', { name: 'Suggest k' }).click();
  await measured('segment:ksweep');
  await clusters.getByLabel('Clusters (k)').fill('5');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await measured('segment:kmeans');
  const problem = await page.getByTestId('clustering-problem').count();
  if (problem > 0) throw new Error(`bench: clustering failed: ${await page.getByTestId('clustering-problem').innerText()}`);
  // Wait for the repaint in cluster colours, so its long tasks (if any) are counted.
  await page.waitForFunction(() => {
    const end = performance.getEntriesByName('segment:kmeans-end').at(-1)?.startTime ?? Infinity;
    return performance.getEntriesByName('segment:scatter-painted').some((m) => m.startTime > end);
  }, null, { timeout: 60_000, polling: 50 });
  await page.waitForTimeout(200);
  return page.evaluate((start) => {
    const d = (name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? NaN;
    const reason = document.querySelector('[data-testid="k-reason"]')?.textContent ?? '';
    return { from: start, ksweep: d('segment:ksweep'), kmeans: d('segment:kmeans'), suggestedK: Number(/k = (\d+)/.exec(reason)?.[1]) };
  }, from);
}

/**
 * A settings change as the analyst makes it: the number of scores from 5 to 4 in the settings
 * panel, once the first segment model is on screen. The time is the app's own measure
 * ('segment:rescore'): from the analysis worker call to the new counts in the page.
 */
/** Waits until the segment model on screen is computed and nothing is being rescored. */
function modelIdle(page) {
  return page.waitForFunction(() => {
    const status = document.querySelector('[data-testid="model-status"]')?.textContent ?? '';
    return performance.getEntriesByName('segment:rescore', 'measure').length > 0 && !status.includes('Updating');
  }, null, { timeout: 600_000, polling: 50 });
}

async function rescoreThroughUi(page) {
  const idle = () => modelIdle(page);
  await idle();
  // The analyst looks at the first figures before changing anything (profiles follow them).
  await page.waitForTimeout(1000);
  const before = await page.evaluate(() => performance.getEntriesByName('segment:rescore', 'measure').length);
  await page.getByTestId('bins').selectOption('4');
  await page.waitForFunction((n) => performance.getEntriesByName('segment:rescore', 'measure').length > n, before, { timeout: 120_000, polling: 20 });
  await idle();
  const shown = await page.evaluate(() => ({
    status: document.querySelector('[data-testid="model-status"]')?.textContent ?? '',
    fScores: document.querySelectorAll('[data-testid="score-bins-f"] tbody tr').length,
    ms: performance.getEntriesByName('segment:rescore', 'measure').at(-1)?.duration ?? NaN,
  }));
  if (!shown.status.includes('with 4 scores') || shown.fScores !== 4) throw new Error(`bench: the rescore did not show 4 scores: ${shown.status}`);
  return shown;
}

/** The p-th percentile (0..100) of a list of numbers, by the nearest rank; NaN when empty. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * A zoom and pan of the scatter, one input per display frame as a trackpad or wheel sends them:
 * twelve wheel steps in about a point, a drag across the plot (a pan), twelve steps out. The
 * events are dispatched by a script in the page, each in its own animation frame, to the plot's
 * own listeners. (Playwright's mouse, used before, waits for a round trip to the browser per
 * step: its steps came about 45 ms apart, so that figure timed the script rather than the chart;
 * it is kept as `scatter_frame_p95_playwright_ms` with its input spacing.)
 * Pictures are the scatter's own marks ('segment:scatter-picture', one per complete picture put
 * on the canvas); main-thread frames are a requestAnimationFrame loop run meanwhile.
 */
async function zoomAndPanInPage(page, fx, fy, minGapMs = 0) {
  return page.evaluate(async ([fx, fy, minGapMs]) => {
    const area = document.querySelector('[data-testid="scatter-area"]');
    const rect = area.getBoundingClientRect();
    const cx = rect.left + rect.width * fx;
    const cy = rect.top + rect.height * fy;
    const at = (dx, dy) => ({ clientX: cx + dx, clientY: cy + dy, bubbles: true, cancelable: true });
    const pointer = (type, dx, dy) => new PointerEvent(type, { ...at(dx, dy), pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1 });
    // Each step with whether it moves the view (so asks for a new picture): the pointerdown and
    // pointerup, at the drag's first and last places, move nothing.
    const steps = [];
    const moves = [];
    const step = (move, make) => {
      steps.push(make);
      moves.push(move);
    };
    for (let i = 0; i < 12; i++) step(true, () => new WheelEvent('wheel', { ...at(0, 0), deltaY: -100 }));
    step(false, () => pointer('pointerdown', 0, 0));
    for (let i = 1; i <= 30; i++) step(true, () => pointer('pointermove', -i * 6, i * 2));
    step(false, () => pointer('pointerup', -180, 60));
    for (let i = 0; i < 12; i++) step(true, () => new WheelEvent('wheel', { ...at(-180, 60), deltaY: 100 }));
    const frames = [];
    const inputs = [];
    const inputFrames = [];
    const from = performance.now();
    await new Promise((resolve) => {
      let i = 0;
      const frame = (t) => {
        frames.push(t);
        if (i < steps.length && (inputs.length === 0 || performance.now() - inputs.at(-1) >= minGapMs)) {
          inputs.push(performance.now());
          inputFrames.push(frames.length - 1);
          area.dispatchEvent(steps[i++]());
        }
        if (i < steps.length || frames.length < inputFrames.at(-1) + 3) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    return { from, to: performance.now(), frames, inputs, inputFrames, moves };
  }, [fx, fy, minGapMs]);
}

/** The same journey through Playwright's mouse, a frame apart (the bench's first journey). */
async function zoomAndPanByMouse(page, cx, cy) {
  const frame = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  const from = await page.evaluate(() => performance.now());
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, -100);
    await frame();
  }
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(cx - i * 6, cy + i * 2);
    await frame();
  }
  await page.mouse.up();
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 100);
    await frame();
  }
  return { from, to: await page.evaluate(() => performance.now()) };
}

/** Intervals between the scatter's pictures from `start` to `end` (ms), the first from `start`. */
function pictureIntervals(page, start, end) {
  return page.evaluate(([start, end]) => {
    const pictures = performance.getEntriesByName('segment:scatter-picture').map((m) => m.startTime).filter((t) => t >= start && t <= end);
    return [start, ...pictures].map((t, i, all) => (i === 0 ? null : t - all[i - 1])).slice(1);
  }, [start, end]);
}

/**
 * The in-page journey's intervals between pictures, all of them and those during which a picture
 * was owed (see bench/picture-intervals.mjs).
 */
async function journeyIntervals(page, journey) {
  const pictures = await page.evaluate(([start, end]) => performance.getEntriesByName('segment:scatter-picture').filter((m) => m.startTime >= start && m.startTime <= end).map((m) => ({ at: m.startTime, asked: m.detail?.asked ?? -Infinity })), [journey.from, journey.to]);
  return splitIntervals({ ...journey, pictures });
}

/**
 * What the display saw of the in-page journey. Input i is dispatched in frame i; its picture can
 * be on the canvas at frame i + 1 at the earliest. `share`: of the frames after an input (1 to the
 * number of inputs), those in which a new picture was put on the canvas. `latency`: per input, from
 * its frame to the frame of the first picture asked for after it (so showing it), in ms. `trace`:
 * per picture, ms after the journey's start: asked, painting began and ended in the worker,
 * received by the page, the frame it was put on the canvas in, and the painter's ms.
 */
function displayFigures(page, journey) {
  return page.evaluate(({ from, frames, inputs, inputFrames }) => {
    const marks = performance.getEntriesByName('segment:scatter-picture').filter((m) => m.startTime >= from);
    let shown = 0;
    for (const k of inputFrames) {
      const lo = frames[k + 1] - 1;
      const hi = k + 2 < frames.length ? frames[k + 2] - 1 : Infinity;
      if (marks.some((m) => m.startTime >= lo && m.startTime < hi)) shown++;
    }
    const latency = inputs.map((d, i) => {
      const m = marks.find((k) => k.detail && k.detail.asked >= d);
      return m ? m.startTime - frames[inputFrames[i]] : NaN;
    });
    const r = (v) => Math.round(v - from);
    const trace = marks.map((m) => [m.detail.asked, m.detail.began, m.detail.ended, m.detail.received, m.startTime].map(r).concat(Math.round(m.detail.paintMs), m.detail.sampled ? 's' : m.detail.quick ? 'q' : 'x'));
    return { share: shown / inputs.length, latency, trace, inputs: inputs.map(r), frames: frames.map(r) };
  }, journey);
}

/** Waits until the last picture is at zoom 1 (the canvas no longer moved by CSS). */
function backAtZoomOne(page) {
  return page.waitForFunction(() => /scale\(1\)/.test(document.querySelector('[data-testid="scatter-canvas"]')?.style.transform ?? ''), null, { timeout: 60_000, polling: 50 });
}

/**
 * The scatter as an analyst explores it: the zoom and pan above (in the page, then through
 * Playwright's mouse), then Escape and a Shift+drag over the middle.
 *
 * `scatter_frame_p95_ms` is the 95th percentile of the intervals between the in-page journey's
 * pictures during which a picture was owed (bench/picture-intervals.mjs): an interval that skips
 * display frames is left out only if, in none of the frames it skips, an input that moved the view
 * was waiting for a picture. The pan's pointerdown and pointerup move nothing, so the frame after
 * each is owed no picture; counted, those two 33 ms intervals (of ~53) were the whole of the 95th
 * percentile. A picture that is late for an input that moved the view always counts, with the
 * whole of its interval, so no slow picture is hidden. The figure over every interval, as it was
 * first defined, stays beside it as `scatter_frame_p95_all_ms`, with the count of those left out. `brush_ms` is the app's
 * measure 'segment:brush': from the end of the drag to the frame showing "N customers selected"
 * and its summary. Long tasks are counted over the whole journey.
 */
async function scatterThroughUi(page) {
  const area = page.getByTestId('scatter-area');
  await modelIdle(page);
  await area.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  const box = await area.boundingBox();
  await page.evaluate(() => (window.__bench.sampling = false));
  const start = await page.evaluate(() => performance.now());
  // BENCH_SCATTER_PROFILE=file: the main thread's CPU profile over the in-page journey (open it in DevTools),
  // and over the Escape and brush in file.brush.cpuprofile.
  const profiler = process.env.BENCH_SCATTER_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  // BENCH_SCATTER_HEAP=file: a sampling heap profile of what the main thread allocates over the in-page
  // journey, the garbage included (open it in DevTools' Memory panel, or bench/heapprofile-top.mjs).
  const heap = process.env.BENCH_SCATTER_HEAP ? await page.context().newCDPSession(page) : null;
  if (heap) {
    await heap.send('HeapProfiler.enable');
    await heap.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  // BENCH_SCATTER_TRACE=file: a Chromium trace of the in-page journey (bench/trace-frames.mjs sums it by kind of
  // work), and of the Escape and brush in file.brush.json (bench/trace-tasks.mjs file.brush.json --min 20).
  if (process.env.BENCH_SCATTER_TRACE) await browser.startTracing(page, { path: process.env.BENCH_SCATTER_TRACE, categories: [...traceCategories, 'v8', 'disabled-by-default-v8.gc'] });
  // A picture is 1/60 s at best: the journey ends when the last picture is in, some frames on.
  // Uncapped, frames come every 1-2 ms when little changes: the inputs are kept at least 4 ms apart
  // (250 a second, still faster than any picture here), and the journey is made three times so
  // that its 54 inputs give enough pictures for a 95th percentile.
  const pictures = [];
  const owed = [];
  const frames = [];
  let inPage;
  let display;
  for (let round = 0; round < (uncapped ? 3 : 1); round++) {
    inPage = await zoomAndPanInPage(page, 0.4, 0.5, uncapped ? 4 : 0);
    await backAtZoomOne(page);
    const intervals = await journeyIntervals(page, inPage);
    pictures.push(...intervals.all);
    owed.push(...intervals.owed);
    frames.push(...inPage.frames.map((t, i, all) => (i === 0 ? null : t - all[i - 1])).slice(1));
    display = await displayFigures(page, inPage);
    if (uncapped) await page.waitForTimeout(300);
  }
  if (profiler) writeFileSync(process.env.BENCH_SCATTER_PROFILE, JSON.stringify((await profiler.send('Profiler.stop')).profile));
  if (process.env.BENCH_SCATTER_TRACE) await browser.stopTracing();
  if (heap) writeFileSync(process.env.BENCH_SCATTER_HEAP, JSON.stringify((await heap.send('HeapProfiler.stopSampling')).profile));
  await page.waitForTimeout(500);

  const cx = box.x + box.width * 0.4;
  const cy = box.y + box.height * 0.5;
  await page.mouse.move(cx, cy);
  const byMouse = await zoomAndPanByMouse(page, cx, cy);
  await backAtZoomOne(page);
  const mousePictures = await pictureIntervals(page, byMouse.from, byMouse.to);

  // The brush's profile goes beside the journey's (FILE.brush.cpuprofile).
  if (profiler) await profiler.send('Profiler.start');
  const brushTrace = process.env.BENCH_SCATTER_TRACE?.replace(/(\.json)?$/, '.brush.json');
  if (brushTrace) await browser.startTracing(page, { path: brushTrace, categories: [...traceCategories, 'v8', 'disabled-by-default-v8.gc'] });
  await area.focus();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await shiftDrag(page, box, [0.25, 0.25, 0.6, 0.7], 4);
  await page.waitForFunction(() => performance.getEntriesByName('segment:brush', 'measure').length > 0, null, { timeout: 60_000, polling: 20 });
  await page.waitForTimeout(300);
  if (profiler) writeFileSync(process.env.BENCH_SCATTER_PROFILE.replace(/(\.cpuprofile)?$/, '.brush.cpuprofile'), JSON.stringify((await profiler.send('Profiler.stop')).profile));
  if (brushTrace) await browser.stopTracing();
  // BENCH_SCATTER_SNAPSHOT=file: a heap snapshot of the page after the brush (what the main thread keeps).
  if (process.env.BENCH_SCATTER_SNAPSHOT) {
    const cdp = await page.context().newCDPSession(page);
    const chunks = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, exposeInternals: true });
    writeFileSync(process.env.BENCH_SCATTER_SNAPSHOT, chunks.join(''));
  }
  const got = await page.evaluate((start) => ({
    brush: performance.getEntriesByName('segment:brush', 'measure').at(-1)?.duration ?? NaN,
    paintMs: performance.getEntriesByName('segment:scatter-picture').filter((m) => m.startTime >= start).map((m) => m.detail?.paintMs ?? NaN),
    selected: document.querySelector('[data-testid="selection-count"]')?.textContent ?? '',
    longTasks: (window.__bench.lt ?? []).filter(([at]) => at >= start).map(([, d]) => d),
    debug: { start, lt: (window.__bench.lt ?? []).filter(([at]) => at >= start).map((e) => e.map(Math.round)), brushStart: Math.round(performance.getEntriesByName('segment:brush-start').at(-1)?.startTime) },
  }), start);
  await page.evaluate(() => (window.__bench.sampling = true));
  if (!/customers selected/.test(got.selected)) throw new Error(`bench: the brush selected nothing: ${got.selected}`);
  const round1 = (v) => Math.round(v * 10) / 10;
  if (process.env.BENCH_DEBUG) console.error(JSON.stringify({ display: { inputs: display.inputs, frames: display.frames, latency: display.latency.map(Math.round), trace: display.trace } }));
  if (process.env.BENCH_DEBUG) console.error(JSON.stringify({ paintMs: got.paintMs.map(Math.round), ...got.debug, inPage: [inPage.from, inPage.to].map(Math.round), byMouse: [byMouse.from, byMouse.to].map(Math.round), pictures: pictures.map(Math.round), owed: owed.map(Math.round), frames: frames.map(Math.round), mousePictures: mousePictures.map(Math.round), longTasks: got.longTasks }));
  // Uncapped, the two frame figures get their own names: they are not the 60 Hz figures #10 defines,
  // and a share of 1-2 ms frames with a new picture means nothing.
  if (uncapped) {
    return {
      scatter_frame_p95_uncapped_ms: round1(percentile(owed, 95)),
      scatter_frame_p95_all_uncapped_ms: round1(percentile(pictures, 95)),
      scatter_frame_p50_uncapped_ms: round1(percentile(owed, 50)),
      scatter_pictures_uncapped: pictures.length,
      scatter_intervals_not_owed_uncapped: pictures.length - owed.length,
      main_frame_p95_uncapped_ms: round1(percentile(frames, 95)),
      main_frame_p50_uncapped_ms: round1(percentile(frames, 50)),
      main_frames_uncapped: frames.length,
      scatter_input_to_picture_p95_uncapped_ms: round1(percentile(display.latency.filter(Number.isFinite), 95)),
      worker_paint_p95_ms: round1(percentile(got.paintMs, 95)),
      brush_ms: Math.round(got.brush),
      scatter_long_tasks: got.longTasks.length,
    };
  }
  return {
    scatter_frame_p95_ms: round1(percentile(owed, 95)),
    scatter_frame_p95_all_ms: round1(percentile(pictures, 95)),
    scatter_pictures: pictures.length,
    scatter_intervals_not_owed: pictures.length - owed.length,
    main_frame_p95_ms: round1(percentile(frames, 95)),
    scatter_frames_with_picture_pct: round1(100 * display.share),
    scatter_input_to_picture_p95_ms: round1(percentile(display.latency.filter(Number.isFinite), 95)),
    scatter_frame_p95_playwright_ms: round1(percentile(mousePictures, 95)),
    playwright_input_ms: round1((byMouse.to - byMouse.from) / 54),
    worker_paint_p95_ms: round1(percentile(got.paintMs, 95)),
    brush_ms: Math.round(got.brush),
    scatter_long_tasks: got.longTasks.length,
  };
}

/**
 * Saving and reopening the session, as the app does it: `session_save_ms` is the app's measure
 * of the save that wrote the customer table and metrics ('segment:session-save', the last one
 * once the metrics are in), with the long tasks on the main thread meanwhile; `session_open_ms`
 * runs from the click on the session in the list of a fresh page to the scatter painted;
 * `session_bytes` is the size of the data written, as the list shows it (in bytes).
 * `session_lines_save_ms` is the save of the transactions read (once per read, in the ingest
 * worker) with the main thread's long tasks meanwhile, `session_lines_bytes` their Arrow IPC
 * size, and `session_lines_ready_ms` runs from the click on the session to those transactions
 * loaded (after the scatter is painted).
 */
async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

async function sessionThroughUi(page) {
  // The save that holds the metrics comes a moment after they reach the page.
  await page.waitForFunction(() => document.querySelector('[data-testid="saved"]') && performance.getEntriesByName('segment:session-save', 'measure').length > 0, null, { timeout: 600_000, polling: 100 });
  await page.waitForTimeout(2500);
  await page.waitForFunction(() => document.querySelector('[data-testid="saved"]'), null, { timeout: 600_000, polling: 100 });
  const save = await page.evaluate(() => {
    const all = performance.getEntriesByName('segment:session-save', 'measure');
    const withData = all.reduce((a, b) => (b.duration > a.duration ? b : a));
    const lt = (window.__bench.lt ?? []).filter(([at, d]) => at + d >= withData.startTime && at <= withData.startTime + withData.duration);
    return { ms: withData.duration, saves: all.length, longTasks: lt.map(([, d]) => d) };
  });
  // The transactions go with the session once per read, from the ingest worker.
  await page.waitForFunction(() => performance.getEntriesByName('segment:session-lines-save', 'measure').length > 0, null, { timeout: 600_000, polling: 100 });
  const lines = await page.evaluate(() => {
    const m = performance.getEntriesByName('segment:session-lines-save', 'measure').at(-1);
    const lt = (window.__bench.lt ?? []).filter(([at, d]) => at + d >= m.startTime && at <= m.startTime + m.duration);
    return { ms: m.duration, longTasks: lt.map(([, d]) => d), bytes: Number(document.querySelector('[data-testid="saved"]')?.getAttribute('data-lines-bytes') ?? NaN) };
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const row = page.getByTestId('sessions').locator('tbody tr').first();
  await row.waitFor({ timeout: 60_000 });
  const bytes = await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('segment-studio');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const records = await new Promise((resolve) => {
      const q = db.transaction('sessions').objectStore('sessions').getAll();
      q.onsuccess = () => resolve(q.result);
    });
    db.close();
    return records[0]?.bytes ?? NaN;
  });
  const profiler = process.env.BENCH_SESSION_PROFILE ? await startProfile(page) : null;
  await row.getByTestId('reopen').click();
  await page.waitForFunction(() => performance.getEntriesByName('segment:scatter-painted').length > 0, null, { timeout: 600_000, polling: 20 });
  if (profiler) {
    await page.waitForTimeout(2000);
    writeFileSync(process.env.BENCH_SESSION_PROFILE.replace(/(\.cpuprofile)?$/, '.open.cpuprofile'), JSON.stringify((await profiler.send('Profiler.stop')).profile));
  }
  const open = await page.evaluate(() => {
    const start = performance.getEntriesByName('segment:session-open-start').at(-1)?.startTime ?? NaN;
    const painted = performance.getEntriesByName('segment:scatter-painted').at(-1)?.startTime ?? NaN;
    const lt = (window.__bench.lt ?? []).filter(([at]) => at >= start).map(([at, d]) => [Math.round(at - start), Math.round(d)]);
    return { ms: painted - start, longTasks: lt };
  });
  // After the view: the transactions, for a cleaning change or another date without the file.
  await page.waitForFunction(() => performance.getEntriesByName('segment:session-lines-ready').length > 0, null, { timeout: 600_000, polling: 50 });
  const linesReady = await page.evaluate(() => {
    const start = performance.getEntriesByName('segment:session-open-start').at(-1)?.startTime ?? NaN;
    return (performance.getEntriesByName('segment:session-lines-ready').at(-1)?.startTime ?? NaN) - start;
  });
  const file = await sessionFileThroughUi(page);
  return {
    session_save_ms: Math.round(save.ms),
    session_save_long_tasks: save.longTasks.length,
    session_save_max_long_task_ms: Math.round(Math.max(0, ...save.longTasks)),
    session_open_ms: Math.round(open.ms),
    session_open_long_tasks: open.longTasks.length,
    session_open_long_task_at_ms: open.longTasks,
    session_bytes: bytes,
    session_lines_save_ms: Math.round(lines.ms),
    session_lines_save_long_tasks: lines.longTasks.length,
    session_lines_bytes: lines.bytes,
    session_lines_ready_ms: Math.round(linesReady),
    ...file,
  };
}

// "Save analysis as a file…" on the reopened session (settings, customer table and transactions in
// one file), then "Open…" of that file in a fresh context: a colleague's first look at it.
async function sessionFileThroughUi(page) {
  const downloading = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('button', { name: 'Save analysis as a file…' }).click();
  const download = await downloading;
  const path = join(mkdtempSync(join(tmpdir(), 'bench-session-')), download.suggestedFilename());
  await download.saveAs(path);
  const save = await page.evaluate(() => {
    const m = performance.getEntriesByName('segment:session-file', 'measure').at(-1);
    const lt = (window.__bench.lt ?? []).filter(([at, d]) => at + d >= m.startTime && at <= m.startTime + m.duration);
    return { ms: m.duration, longTasks: lt.map(([, d]) => Math.round(d)) };
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const other = await context.newPage();
    await other.addInitScript(instrument);
    await other.goto(`http://127.0.0.1:${PORT}/`);
    await other.getByTestId('file-input').waitFor();
    await other.waitForTimeout(500);
    // BENCH_SESSION_PROFILE=file: the main thread's CPU profile over the open (for bench/cpuprofile-tasks.mjs).
    const profiler = process.env.BENCH_SESSION_PROFILE ? await startProfile(other) : null;
    await other.getByTestId('open-session-file').setInputFiles(path);
    await other.waitForFunction(() => performance.getEntriesByName('segment:scatter-painted').length > 0, null, { timeout: 600_000, polling: 20 });
    // Mounting the rest of the workspace after the first picture belongs to the open too.
    await other.waitForTimeout(2000);
    if (profiler) writeFileSync(process.env.BENCH_SESSION_PROFILE.replace(/(\.cpuprofile)?$/, '.file-open.cpuprofile'), JSON.stringify((await profiler.send('Profiler.stop')).profile));
    const open = await other.evaluate(() => {
      const start = performance.getEntriesByName('segment:session-file-open-start').at(-1)?.startTime ?? NaN;
      const painted = performance.getEntriesByName('segment:scatter-painted').at(-1)?.startTime ?? NaN;
      const lt = (window.__bench.lt ?? []).filter(([at]) => at >= start).map(([at, d]) => [Math.round(at - start), Math.round(d)]);
      return { ms: painted - start, longTasks: lt };
    });
    return {
      session_file_save_ms: Math.round(save.ms),
      session_file_save_long_tasks: save.longTasks.length,
      session_file_bytes: statSync(path).size,
      session_file_open_ms: Math.round(open.ms),
      session_file_open_long_tasks: open.longTasks.length,
      session_file_open_long_task_at_ms: open.longTasks,
    };
  } finally {
    await context.close();
  }
}

const results = [];
const memory = rendererMemorySampler();
const mb = (bytes) => (bytes === null ? null : Math.round(bytes / 1048576));
try {
  for (const rows of sizes) {
    const { path, bytes } = generateTransactions(rows);
    // A laptop screen, the one the workspace is laid out for: the scatter's height follows the
    // window, so its pictures (and their cost) depend on it.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // The data stays on this machine: any request off 127.0.0.1 (page or workers) fails the run.
    const offsite = [];
    context.on('request', (r) => {
      if (!/^(blob|data):|^http:\/\/127\.0\.0\.1[:/]/.test(r.url())) offsite.push(r.url());
    });
    const page = await context.newPage();
    await page.addInitScript(instrument);
    await keepChosenFile(page);
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('file-input').waitFor();
    await page.waitForTimeout(500);
    memory.reset();
    const rendererBefore = memory.peak();
    // BENCH_TRACE_LOAD=file: a Chromium trace of the import, to the scatter drawn and 3 s after
    // (the rest of the workspace mounting), for bench/trace-tasks.mjs; with --load-only, over the
    // whole window of load_long_tasks (to the lines saved and 0.5 s after).
    if (process.env.BENCH_TRACE_LOAD) await browser.startTracing(page, { path: process.env.BENCH_TRACE_LOAD, categories: traceCategories });
    // BENCH_PROFILE=file: the main thread's CPU profile from the file's choice to the end of the
    // journey whose long tasks are counted (the import's with --load-only), for bench/cpuprofile-tasks.mjs.
    const journeyProfiler = process.env.BENCH_PROFILE ? await startProfile(page) : null;
    // BENCH_TRACE_JOURNEY=file: a Chromium trace over the same span (the CPU time of each task, by
    // bench/trace-tasks.mjs --cpu); not with the other traces, one trace runs at a time.
    if (process.env.BENCH_TRACE_JOURNEY) await browser.startTracing(page, { path: process.env.BENCH_TRACE_JOURNEY, categories: traceCategories });
    const saveJourneyProfile = async () => {
      if (journeyProfiler) writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await journeyProfiler.send('Profiler.stop')).profile));
      if (process.env.BENCH_TRACE_JOURNEY) await browser.stopTracing();
    };
    await page.getByTestId('file-input').setInputFiles(path);
    // A file refused before reading (too large for this browser) says so instead of a scatter.
    await page.waitForFunction(() => performance.getEntriesByName('segment:scatter-painted').length > 0 || document.querySelector('[role="alert"][data-code]'), null, { timeout: 1_800_000, polling: 50 });
    if (process.env.BENCH_TRACE_LOAD && !loadOnly) {
      await page.waitForTimeout(3000);
      await browser.stopTracing();
    }
    const refused = await page.locator('[role="alert"][data-code]').count();
    if (refused > 0) {
      const alert = page.locator('[role="alert"][data-code]').first();
      const result = { rows, bytes, refused: await alert.getAttribute('data-code'), message: (await alert.innerText()).slice(0, 400), load_peak_rss_mb: mb(memory.peak()), rss_before_mb: mb(rendererBefore) };
      if (process.env.BENCH_TRACE_LOAD && loadOnly) await browser.stopTracing();
      console.log(JSON.stringify(result));
      results.push(result);
      await context.close();
      continue;
    }
    // The import is over once its metrics are made and the session holding them is saved (the
    // analysis worker writes it as Arrow IPC into IndexedDB): the memory those take counts too.
    await page.waitForFunction(() => performance.getEntriesByName('segment:session-save-end').length > 0, null, { timeout: 1_800_000, polling: 50 });
    // The window this figure had before the lines were saved (to 0ff016b's session save), for comparison.
    const peakToSessionSave = memory.peak();
    // The transactions read are saved after that, by the ingest worker (once per read): their
    // Arrow IPC is written from the lines it keeps, so that save is part of the import's memory too.
    await page.waitForFunction(() => {
      const lines = document.querySelector('[data-testid="saved"]')?.getAttribute('data-lines');
      return performance.getEntriesByName('segment:session-lines-save-end').length > 0 || lines === 'failed';
    }, null, { timeout: 1_800_000, polling: 50 });
    const linesSaved = await page.evaluate(() => document.querySelector('[data-testid="saved"]')?.getAttribute('data-lines') ?? null);
    await page.waitForTimeout(500);
    // The page and its workers (one renderer process) while the file was read, scored, drawn and saved.
    const loadPeak = memory.peak();
    // BENCH_MEM_TIMELINE=file: the renderer's memory samples of the load and the page's marks, both
    // in epoch ms, for bench/memory-timeline.mjs (which step the peak falls in).
    if (process.env.BENCH_MEM_TIMELINE) {
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((k) => [k.name, performance.timeOrigin + k.startTime]));
      writeFileSync(process.env.BENCH_MEM_TIMELINE, JSON.stringify({ rows, bytes, samples: memory.samples(), marks }));
    }
    const m = await page.evaluate(() => {
      // The first of each mark after the one before: the measure waits for the session save,
      // after which the scatter is painted again (metrics, model refresh), and the figures are
      // about the first picture.
      const t = (name, after = -Infinity) => performance.getEntriesByName(name).find((e) => e.startTime >= after)?.startTime ?? NaN;
      const start = t('segment:file-selected');
      const ready = t('segment:customers-ready', start);
      const scored = t('segment:scores-ready', ready);
      const painted = t('segment:scatter-painted', scored);
      return {
        start,
        ingest: ready - start,
        score: scored - ready,
        paint: painted - scored,
        total: painted - start,
        customers: Number(document.querySelector('[data-testid="customers"]')?.textContent?.replace(/,/g, '')),
        orders: Number(document.querySelector('[data-testid="orders"]')?.textContent?.replace(/,/g, '')),
        revenue: Number(document.querySelector('[data-testid="revenue"]')?.textContent?.replace(/,/g, '')),
        // The import's own long tasks, to the lines saved and 0.5 s after (with --load-only, the
        // long tasks of a size too slow or a sitting too short for the whole journey), placed as below.
        loadTasks: (window.__bench.lt ?? []).filter(([at]) => at >= start).map(([at, d]) => {
          const before = performance.getEntriesByType('mark').filter((k) => k.startTime <= at + d && k.name !== 'segment:scatter-picture').at(-1);
          return [Math.round(at - start), Math.round(d), before ? `${before.name.replace('segment:', '')}@${Math.round(before.startTime - start)}` : ''];
        }),
      };
    });
    // The load's memory goes on every line, so a size too slow for the full journey (10M) is measured by itself.
    const load = {
      bytes,
      ingest_ms: Math.round(m.ingest),
      total_ms: Math.round(m.total),
      rss_before_mb: mb(rendererBefore),
      load_peak_rss_mb: mb(loadPeak),
      load_peak_vs_file: loadPeak === null ? null : Number((loadPeak / bytes).toFixed(2)),
      // What the file added: the peak less the app open with no file, over the file's size.
      load_growth_vs_file: loadPeak === null || rendererBefore === null ? null : Number(((loadPeak - rendererBefore) / bytes).toFixed(2)),
      // 'saved' when the window above holds the lines' save; 'failed' says it did not finish.
      load_lines: linesSaved,
      load_peak_to_session_save_mb: mb(peakToSessionSave),
      load_long_tasks: m.loadTasks.length,
      load_long_task_at_ms: m.loadTasks,
    };
    if (loadOnly) {
      await saveJourneyProfile();
      if (process.env.BENCH_TRACE_LOAD) await browser.stopTracing();
      const result = { rows, customers: m.customers, ...load };
      console.log(JSON.stringify(result));
      results.push(result);
      await context.close();
      continue;
    }
    if (sessionOnly) {
      const session = await sessionThroughUi(page);
      const result = { rows, customers: m.customers, ...load, ...session };
      console.log(JSON.stringify(result));
      results.push(result);
      await context.close();
      continue;
    }
    if (clvOnly) {
      // Let the import's scoring and the session save of its metrics finish first: their long
      // tasks (the save's IndexedDB put clones the customer data on the main thread) are not the fit's.
      await page.waitForFunction(() => {
        const scored = performance.getEntriesByName('segment:rescore', 'measure').at(-1);
        const saved = performance.getEntriesByName('segment:session-save', 'measure').at(-1);
        return document.querySelector('[data-testid="saved"]') && scored && saved && saved.startTime > scored.startTime + scored.duration;
      }, null, { timeout: 600_000, polling: 100 });
      await page.waitForTimeout(2500);
      await page.waitForFunction(() => document.querySelector('[data-testid="saved"]'), null, { timeout: 600_000, polling: 100 });
      // CLV_PROFILE=file: the main thread's CPU profile over the fit and the 2 s after (for the long tasks).
      const cdp = process.env.CLV_PROFILE ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      // BENCH_TRACE=file: a Chromium trace of the same span (every task of the main thread, with
      // its scripts, style, layout and paint), for bench/trace-tasks.mjs.
      if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: traceCategories });
      const clv = await clvThroughUi(page);
      // The new columns arrive and the panels re-render after the measure: their long tasks count too.
      await page.waitForTimeout(2000);
      const after = await page.evaluate((from) => {
        const marks = performance.getEntriesByType('mark').filter((k) => k.name.startsWith('segment:clv') || k.name.startsWith('segment:session-save') || k.name.startsWith('segment:rescore')).map((k) => [k.name, Math.round(k.startTime - from)]);
        return { tasks: (window.__bench.lt ?? []).filter(([at]) => at >= from).map(([at, d]) => [Math.round(at - from), Math.round(d)]), marks };
      }, clv.from);
      if (process.env.BENCH_TRACE) await browser.stopTracing();
      if (cdp) writeFileSync(process.env.CLV_PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      const result = { rows, customers: m.customers, ...load, clv_fit_ms: Math.round(clv.ms), clv_long_tasks: after.tasks.length, clv_long_task_at_ms: after.tasks, clv_marks: after.marks, clv_fit: clv.fitted.slice(0, 160) };
      console.log(JSON.stringify(result));
      results.push(result);
      await context.close();
      continue;
    }
    if (scatterOnly) {
      const scatter = await scatterThroughUi(page);
      const result = { rows, customers: m.customers, ...load, ...scatter };
      console.log(JSON.stringify(result));
      results.push(result);
      await context.close();
      continue;
    }
    const rescore = await rescoreThroughUi(page);
    const scatter = await scatterThroughUi(page);
    const c = await clusterThroughUi(page);
    const clv = await clvThroughUi(page);
    // Long tasks from the moment the file was chosen to the clusters painted: page start-up is
    // not the journey. The clustering part (from "Suggest k" on) is also counted on its own.
    const tasks = await page.evaluate(([from, clusterFrom]) => {
      const lt = window.__bench.lt ?? [];
      return {
        all: lt.filter(([at]) => at >= from).map(([, d]) => d),
        clustering: lt.filter(([at]) => at >= clusterFrom).map(([, d]) => d),
        peakHeap: window.__bench.peakHeap,
        // Each long task from the file's choice on, placed against the app's last mark before it
        // ends (a mark made inside the task, such as a save's start, names it), the scatter's
        // per-picture marks aside: [ms after the choice, ms long, 'mark@ms'].
        placed: lt.filter(([at]) => at >= from).map(([at, d]) => {
          const before = performance.getEntriesByType('mark').filter((k) => k.startTime <= at + d && k.name !== 'segment:scatter-picture').at(-1);
          return [Math.round(at - from), Math.round(d), before ? `${before.name.replace('segment:', '')}@${Math.round(before.startTime - from)}` : ''];
        }),
        debug: [lt, performance.getEntriesByType('mark').map((mark) => [mark.name, Math.round(mark.startTime)])],
      };
    }, [m.start, c.from]);
    await saveJourneyProfile();
    const journeyPeak = memory.peak();
    // DuckDB-WASM on the same File in the same page, once the app's journey is measured (so
    // neither disturbs the other's figures); its answer must be ours.
    const duck = await duckdbOnPageFile(page);
    if (duck.rows !== rows) throw new Error(`bench: DuckDB-WASM read ${duck.rows} rows of ${rows}`);
    checkAgainstDuckdb(rows, m, duck);
    // Last: reopening the session replaces the page.
    const session = await sessionThroughUi(page);
    if (offsite.length > 0) throw new Error(`bench: requests outside 127.0.0.1: ${offsite.slice(0, 5).join(', ')}`);
    const result = {
      rows,
      bytes,
      customers: m.customers,
      ingest_ms: Math.round(m.ingest),
      score_ms: Math.round(m.score),
      paint_ms: Math.round(m.paint),
      total_ms: Math.round(m.total),
      duckdb_ms: Math.round(duck.ms),
      ratio: Number((duck.ms / m.total).toFixed(2)),
      rescore_ms: Math.round(rescore.ms),
      kmeans_ms: Math.round(c.kmeans),
      ksweep_ms: Math.round(c.ksweep),
      suggested_k: c.suggestedK,
      long_tasks: tasks.all.length,
      max_long_task_ms: Math.round(Math.max(0, ...tasks.all)),
      long_task_at_ms: tasks.placed,
      cluster_long_tasks: tasks.clustering.length,
      clv_fit_ms: Math.round(clv.ms),
      clv_long_tasks: clv.longTasks.length,
      clv_max_long_task_ms: Math.round(Math.max(0, ...clv.longTasks)),
      clv_fit: clv.fitted.slice(0, 160),
      ...(clv.modelProblems ? { clv_problems: clv.modelProblems.slice(0, 300) } : {}),
      peak_heap_mb: Math.round(tasks.peakHeap / 1048576),
      // Resident memory of the renderer process (page and workers): before the file was chosen,
      // the peak while it loaded (read, scored, drawn), that peak over the file's size, and the
      // peak over the whole journey (DuckDB excluded).
      rss_before_mb: mb(rendererBefore),
      load_peak_rss_mb: mb(loadPeak),
      load_peak_vs_file: loadPeak === null ? null : Number((loadPeak / bytes).toFixed(2)),
      journey_peak_rss_mb: mb(journeyPeak),
      ...scatter,
      ...session,
    };
    const debug = tasks.debug;
    if (process.env.BENCH_DEBUG) console.error(JSON.stringify(debug));
    console.log(JSON.stringify(result));
    results.push(result);
    await context.close();
  }
} finally {
  memory.stop();
  await browser.close();
  server.close();
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');
