// Reads a sampling heap profile saved by the bench (BENCH_SCATTER_HEAP=file) and prints the places that
// allocated the most, by self size and by size with callees, named in the TypeScript sources through
// dist's source maps (build first from the same sources).
// Usage: node bench/heapprofile-top.mjs file.heapprofile [--top 25]
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';

const args = process.argv.slice(2);
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
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
const keyOf = (f) => `${f.functionName || '(anonymous)'} ${original(f.url, f.lineNumber, f.columnNumber) ?? f.url.split('/').pop()}`;
const self = new Map();
const total = new Map();
let all = 0;
(function walk(node, stack) {
  const key = keyOf(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  all += node.selfSize;
  const below = [...new Set([...stack, key])];
  let sum = node.selfSize;
  for (const c of node.children) sum += walk(c, below);
  if (!stack.includes(key)) total.set(key, (total.get(key) ?? 0) + sum);
  return sum;
})(profile.head, []);
const mb = (b) => (b / 1e6).toFixed(2);
console.log(`sampled ${mb(all)} MB in ${profile.samples?.length ?? '?'} samples`);
const print = (title, m) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${mb(v).padStart(8)} MB  ${k}`);
};
print('self:', self);
print('with callees:', total);
