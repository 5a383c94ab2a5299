// Checks per-customer recency, frequency and monetary on the whole UCI Online Retail file: the
// project's core against a plain reference, customer by customer. The comparison lives in
// test/unit/metrics/online-retail-reference.test.ts (the core is TypeScript, which plain Node 20
// cannot import); this runs that test on the full file and prints what it compared.
// Usage: node scripts/check-online-retail.mjs path/to/online_retail.csv
// Exit code 0 when every customer agrees.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error('usage: node scripts/check-online-retail.mjs path/to/online_retail.csv');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'online-retail-check-'));
const report = join(dir, 'report.json');
let code = 1;
try {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/unit/metrics/online-retail-reference.test.ts'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ONLINE_RETAIL_FULL: resolve(file), ONLINE_RETAIL_REPORT: report } },
  );
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    console.log(`${r.source}: analysis date ${r.analysisDate}, ${r.customersCompared} customers compared, ${r.mismatches} mismatches`);
    for (const line of r.examples) console.log(`  ${line}`);
    if (run.status === 0 && r.mismatches === 0) code = 0;
  } else {
    console.error('check-online-retail: the comparison did not run (see the test output above).');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
