// The memory of the page and its workers, as the operating system sees it. Chromium keeps a
// page's dedicated workers (ingest, its part reader, analysis) as threads of the page's renderer
// process, and their typed arrays outside the JS heap; `performance.memory` exists on the page
// only and counts its JS heap only, and `measureUserAgentSpecificMemory` needs cross-origin
// isolation, which the app does not have. So the bench samples the resident set (VmRSS) of the
// renderer processes this run started: the page, every worker, and every ArrayBuffer, together.
import { readFileSync, readdirSync } from 'node:fs';

function parentOf(pid) {
  try {
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** The renderer processes descending from `root` (this Node process: Playwright starts the browser as its child). */
function renderers(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(pid);
  }
  const found = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    for (const child of children.get(pid) ?? []) {
      stack.push(child);
      try {
        if (readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('--type=renderer')) found.push(child);
      } catch {
        // The process ended meanwhile.
      }
    }
  }
  return found;
}

function rssBytes(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the largest renderer's resident memory every `everyMs` (the renderers are looked up
 * again each second: the page's may start after the sampler). `peak()` is the highest sample
 * since the last `reset()`; null where /proc is missing (not Linux). `samples()` is every sample
 * since then as [epoch ms, bytes], to say where the peak happens (see memory-timeline.mjs).
 */
export function rendererMemorySampler(everyMs = 50) {
  if (!readdirSync('/proc', { withFileTypes: true }).some((d) => d.name === 'self')) return { reset() {}, peak: () => null, samples: () => [], stop() {} };
  let pids = [];
  let lookedUp = 0;
  let peak = 0;
  let samples = [];
  const largest = () => Math.max(0, ...pids.map(rssBytes));
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lookedUp > 1000) {
      pids = renderers(process.pid);
      lookedUp = now;
    }
    const rss = largest();
    peak = Math.max(peak, rss);
    samples.push([now, rss]);
  }, everyMs);
  return {
    reset() {
      peak = largest();
      samples = [];
    },
    peak: () => peak,
    samples: () => samples,
    stop: () => clearInterval(timer),
  };
}
