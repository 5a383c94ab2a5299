// The long ingest fuzz run: the cases of test/workers/ingest-fuzz.test.ts, as many as asked.
// Usage: npm run fuzz -- --cases 5000 [--seed 20261203] [--first 0] [--verbose]
// Every case is made from the seed and its number, so a failure is replayed with
// `npm run fuzz -- --first N --cases 1 --verbose` (same seed). Prints "N passed, M failed".
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const cases = Number(value('--cases', 5000));
const seed = Number(value('--seed', 20261203));
const first = Number(value('--first', 0));
for (const [name, n] of Object.entries({ cases, seed, first })) {
  if (!Number.isInteger(n) || n < 0) throw new Error(`fuzz: --${name} needs a whole number, got ${value(`--${name}`)}`);
}
const env = { ...process.env, FUZZ_CASES: String(cases), FUZZ_SEED: String(seed), FUZZ_FIRST: String(first), FUZZ_REPORT: '1' };
if (args.includes('--verbose')) env.FUZZ_VERBOSE = '1';
const run = spawnSync('npx', ['vitest', 'run', 'test/workers/ingest-fuzz.test.ts', '--silent=false'], { env, stdio: 'inherit' });
process.exit(run.status ?? 1);
