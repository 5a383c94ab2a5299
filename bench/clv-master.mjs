// Times the lifetime-value fit in Node on the CDNOW master file (23,570 customers): both purchase
// models on the calibration period with their backtests, the chosen one on all purchases,
// Gamma-Gamma and every customer's predictions, as the analysis worker runs them.
// Usage: node bench/clv-master.mjs   (prints one JSON line)
//        node bench/clv-master.mjs --generated 5000000   (the bench's generated file instead: the same
//        core path at the bench's size, without the browser, e.g. under node --cpu-prof)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createServer } from 'vite';
import { generateTransactions } from './generate.mjs';

/** CDNOW master lines as [customer, yyyymmdd, units, amount]. */
function cdnowRows() {
  const text = gunzipSync(readFileSync('test/fixtures/cdnow/CDNOW_master.txt.gz')).toString('utf8');
  return text.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 4 && /^\d+$/.test(f[0]));
}

/** The bench's generated file in the same shape (returns kept as negative amounts, netted per day as by default). */
function generatedRows(n) {
  const lines = readFileSync(generateTransactions(n).path, 'utf8').split('\n');
  const out = [];
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    if (f.length < 4) continue;
    out.push([f[1].slice(4), f[2].replaceAll('-', ''), '1', f[3]]);
  }
  return out;
}

const server = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
try {
  const core = await server.ssrLoadModule('/src/core/index.ts');
  const generated = process.argv.includes('--generated') ? Number(process.argv[process.argv.indexOf('--generated') + 1]) : 0;
  const rows = generated > 0 ? generatedRows(generated) : cdnowRows();
  const codes = new Map();
  const customer = new Int32Array(rows.length);
  const day = new Int32Array(rows.length);
  const amount = new Float64Array(rows.length);
  rows.forEach((f, i) => {
    let c = codes.get(f[0]);
    if (c === undefined) codes.set(f[0], (c = codes.size));
    customer[i] = c;
    day[i] = core.daysFromCivil(Number(f[1].slice(0, 4)), Number(f[1].slice(4, 6)), Number(f[1].slice(6, 8)));
    amount[i] = Number(f[3]);
  });
  const tx = { length: rows.length, customer, day, amount, order: null, customerIds: [...codes.keys()], orderIds: null, orderCount: 0, quantity: null, category: null, categoryNames: null, channel: null, channelNames: null };
  const { customers } = core.aggregateCustomers(tx);
  const history = core.purchaseDayHistory(tx, customers);
  const settings = { ...core.DEFAULT_CLV_SETTINGS, calibrationEnd: generated > 0 ? null : core.daysFromCivil(1997, 9, 30) };
  const run = () => core.lifetimeValue(history, { monetary: customers.monetary, describe: (r) => customers.ids[r] }, settings);
  run(); // once to warm the JIT, as the worker is after its first fit
  const t0 = performance.now();
  const lv = run();
  const ms = performance.now() - t0;
  const fit = (m) => (m.ok ? { params: m.fit.params, ll: Number(m.fit.logLikelihood.toFixed(1)), rows: m.fit.rows, evaluations: m.fit.evaluations, holdout: [Math.round(m.backtest.predictedTotal), m.backtest.actualTotal] } : m.problem);
  console.log(JSON.stringify({
    customers: customers.n,
    clv_fit_ms: Math.round(ms),
    calibration: lv.calibration.models.map(fit),
    recommended: lv.calibration.comparison?.recommended,
    full: lv.purchase && { model: lv.purchase.model, params: lv.purchase.fit.params },
    spend: lv.spend?.params,
    problems: lv.problems.map((p) => p.message),
  }));
} finally {
  await server.close();
}
