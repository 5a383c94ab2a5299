import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSegmentSettings, parseDayForTest } from './settings-fixtures.ts';
import { appRun, repoFile, RETAIL_TYPES, runDuckDb, type Row } from './run-segmentation.ts';
import type { SegmentSettings } from '../../../src/core/index.ts';

const SAMPLE = repoFile('public/samples/online-retail-2011-jan-feb.csv');
const SLICE = repoFile('test/fixtures/online-retail/online-retail-slice.csv');
const SLICE_TYPES = { InvoiceNo: 'VARCHAR', StockCode: 'VARCHAR', Description: 'VARCHAR', Quantity: 'DOUBLE', InvoiceDate: 'TIMESTAMP', UnitPrice: 'DOUBLE', CustomerID: 'VARCHAR', Country: 'VARCHAR' };

/** Each customer of the app's export against the script's row, column by column, money to the cent. */
function expectSameCustomers(app: Row[], sql: { rows: Row[]; columns: string[] }): void {
  const header = Object.keys(app[0]);
  expect(sql.columns).toEqual(header);
  expect(sql.rows).toHaveLength(app.length);
  const byId = new Map(sql.rows.map((r) => [r.customer_id, r]));
  const money = new Set(['monetary', 'avg_order_value']);
  const mismatches: string[] = [];
  for (const row of app) {
    const other = byId.get(row.customer_id);
    if (!other) {
      mismatches.push(`${row.customer_id}: missing from the SQL result`);
      continue;
    }
    for (const column of header) {
      const a = row[column];
      const b = other[column];
      // DuckDB writes DECIMAL(38, 2) as 12.5; the export as 12.50.
      const same = money.has(column) ? a === Number(b).toFixed(2) : a === b;
      if (!same) mismatches.push(`${row.customer_id} ${column}: app ${a}, SQL ${b}`);
    }
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
}

/** A settings variant: the defaults changed by `change`. */
function settings(change: (s: SegmentSettings) => void = () => {}): SegmentSettings {
  const s = defaultSegmentSettings();
  change(s);
  return s;
}

/** Several segments' worth of rules, with OR groups inside AND groups. */
const RULES: SegmentSettings['ruleSegments'] = [
  { name: 'Big or frequent', rule: { any: [{ field: 'monetary', op: 'ge', value: 1000 }, { field: 'frequency', op: 'gt', value: 3 }] } },
  {
    name: 'Slipping regulars',
    rule: { all: [{ any: [{ field: 'lifecycle', op: 'eq', value: 'At risk' }, { field: 'rfmSegment', op: 'in', values: ['At risk', 'Need attention'] }] }, { field: 'purchaseDays', op: 'ge', value: 2 }] },
  },
  { name: 'No rhythm', rule: { any: [{ field: 'medianGapDays', op: 'empty' }, { field: 'daysOverdue', op: 'gt', value: 20 }] } },
  { name: 'frequency', rule: { all: [{ field: 'mScore', op: 'between', min: 2, max: 4 }, { field: 'valueBand', op: 'ne', value: 'High value' }, { field: 'buyerType', op: 'eq', value: 'Repeat' }] } },
  { name: 'Steady spenders', rule: { all: [{ field: 'averageOrderValue', op: 'ge', value: 250.5 }, { field: 'tenureDays', op: 'ge', value: 14 }, { field: 'returnLines', op: 'eq', value: 0 }, { field: 'meanGapDays', op: 'notEmpty' }] } },
];

describe('the DuckDB script gives the app\'s customers export, customer by customer', () => {
  for (const thresholds of ['fixed', 'recomputed'] as const) {
    it(`on the sample data, default settings, ${thresholds} thresholds`, async () => {
      const run = await appRun(SAMPLE, settings(), { thresholds });
      expectSameCustomers(run.rows, await runDuckDb(run.sql, SAMPLE.path, RETAIL_TYPES));
    }, 120_000);

    it(`on the Online Retail slice, default settings, ${thresholds} thresholds`, async () => {
      const run = await appRun(SLICE, settings(), { thresholds });
      expectSameCustomers(run.rows, await runDuckDb(run.sql, SLICE.path, SLICE_TYPES));
    }, 120_000);

    it(`with returns and non-product lines left out, typed thresholds, 4 scores on average order value, quantile bands and rule segments with OR groups (${thresholds})`, async () => {
      const s = settings((s) => {
        s.rfm.bins = 4;
        s.rfm.monetary = 'averageOrderValue';
        s.rfm.cutPoints = { r: [10, 25, 40], f: null, m: [100, 250.5, 500] };
        s.valueBands.method = 'quantile';
        s.valueBands.quantile = { high: 0.1, intermediate: 0.4 };
        s.valueBands.names = ['Gold', 'Silver', 'Bronze'];
        s.ruleSegments = [...RULES, { name: 'Called last week', customers: ['13313', '17850', '12583', 'not a customer'] }];
      });
      const run = await appRun(SAMPLE, s, { thresholds, cleaning: { returns: 'exclude', nonProduct: 'exclude', duplicates: 'keep' } });
      expect(Object.keys(run.rows[0])).toContain('frequency (rule segment)');
      // Every rule segment holds some customers and leaves some out: the comparison can tell.
      // A fixed list (saved from a selection) matches the customers it names that the file has.
      const ids = new Set(run.rows.map((r) => r.customer_id));
      const listed = run.rows.filter((r) => r['Called last week'] === '1').map((r) => r.customer_id).sort();
      expect(listed).toEqual(['12583', '13313', '17850'].filter((id) => ids.has(id)));
      expect(listed.length).toBeGreaterThanOrEqual(2);
      for (const name of ['Big or frequent', 'Slipping regulars', 'No rhythm', 'frequency (rule segment)', 'Steady spenders']) {
        expect(new Set(run.rows.map((r) => r[name]))).toEqual(new Set(['0', '1']));
      }
      expectSameCustomers(run.rows, await runDuckDb(run.sql, SAMPLE.path, RETAIL_TYPES));
    }, 120_000);

    it(`with 10 scores, typed F thresholds, Pareto 70/20 bands, other lifecycle thresholds, an analysis date and clusters (${thresholds})`, async () => {
      const s = settings((s) => {
        s.rfm.bins = 10;
        s.rfm.cutPoints = { r: null, f: [2, 3, 4, 5, 6, 8, 10, 12, 15], m: null };
        s.valueBands.pareto = { high: 0.7, intermediate: 0.2 };
        s.lifecycle = { newDays: 10, lapsedDays: 30, lostDays: 40, overdueFactor: 1.5, minPurchaseDaysForOwnCycle: 2 };
        s.ruleSegments = [...RULES, { name: 'Cluster one', rule: { field: 'rScore', op: 'ge', value: 8 } }];
      });
      const run = await appRun(SLICE, s, {
        thresholds,
        analysisDay: parseDayForTest('2011-08-15'),
        cluster: { k: 4, seed: 7, scaling: 'zscore', features: [{ feature: 'recency', log: true }, { feature: 'frequency', log: true }, { feature: 'monetary', log: true }] },
      });
      expect(new Set(run.rows.map((r) => r.cluster)).size).toBe(4);
      expectSameCustomers(run.rows, await runDuckDb(run.sql, SLICE.path, SLICE_TYPES));
    }, 120_000);

    it(`with amount bands and robust-scaled clusters on raw money (${thresholds})`, async () => {
      const s = settings((s) => {
        s.valueBands.method = 'amount';
        s.valueBands.amount = { high: 1500, intermediate: 300.25 };
      });
      const run = await appRun(SAMPLE, s, {
        thresholds,
        cluster: { k: 3, seed: 11, scaling: 'robust', features: [{ feature: 'recency', log: false }, { feature: 'monetary', log: false }] },
      });
      expectSameCustomers(run.rows, await runDuckDb(run.sql, SAMPLE.path, RETAIL_TYPES));
    }, 120_000);
  }
});

describe('fixed and recomputed thresholds on data the app did not see', () => {
  it('fixed sorts another table\'s customers by the app\'s cut points; recomputed by that table\'s own quantiles', async () => {
    const fixed = await appRun(SAMPLE, settings(), { thresholds: 'fixed' });
    const recomputed = await appRun(SAMPLE, settings(), { thresholds: 'recomputed' });
    // The app's F ranges on the sample: the fewest orders of each score.
    const lowest = new Map<number, number>();
    for (const r of fixed.rows) {
      const s = Number(r.f_score);
      lowest.set(s, Math.min(lowest.get(s) ?? Infinity, Number(r.frequency)));
    }
    const expected = (orders: number) => Math.max(1, ...[...lowest].filter(([s, min]) => s > 1 && orders >= min).map(([s]) => s));
    const onSlice = await runDuckDb(fixed.sql, SLICE.path, SLICE_TYPES);
    expect(onSlice.rows.length).toBeGreaterThan(100);
    expect(onSlice.rows.filter((r) => Number(r.f_score) !== expected(Number(r.frequency)))).toEqual([]);
    // Recomputed on the slice is the app's answer on the slice, not the sample's cut points.
    const slice = await appRun(SLICE, settings());
    const own = new Map((await runDuckDb(recomputed.sql, SLICE.path, SLICE_TYPES)).rows.map((r) => [r.customer_id, r.f_score]));
    expect(slice.rows.filter((r) => own.get(r.customer_id) !== r.f_score)).toEqual([]);
    expect(onSlice.rows.some((r) => own.get(r.customer_id) !== r.f_score)).toBe(true);
  }, 180_000);
});

describe('a file without order or product column, with an amount column', () => {
  it('counts purchase days as orders, keeps identical rows, skips missing ids and nets returns, as the app', async () => {
    const lines = ['Customer ID,Date,Amount,Channel'];
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let c = 0; c < 120; c++) {
      const orders = 1 + Math.floor(random() ** 2 * 6);
      for (let k = 0; k < orders; k++) {
        const date = new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 200))).toISOString().slice(0, 10);
        const id = c % 7 === 0 ? `${c}.0` : ` ${c} `;
        const amount = (random() < 0.1 ? -1 : 1) * Math.round(random() * 30000) / 100;
        lines.push(`${id},${date},${amount},${random() < 0.5 ? 'web' : 'store'}`);
        if (random() < 0.05) lines.push(lines[lines.length - 1]);
      }
    }
    lines.push('NA,2024-03-01,10,web', ',2024-03-02,12,web', 'null,2024-03-03,5,store');
    const dir = mkdtempSync(join(tmpdir(), 'sql-'));
    const path = join(dir, 'shop.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const s = settings((s) => {
      s.ruleSegments = [{ name: 'Two days or more', rule: { any: [{ field: 'purchaseDays', op: 'ge', value: 2 }, { field: 'monetary', op: 'lt', value: 0 }] } }];
    });
    for (const thresholds of ['fixed', 'recomputed'] as const) {
      const run = await appRun({ path, text: readFileSync(path, 'utf8') }, s, { thresholds });
      expect(run.sql).not.toContain('copy_number = 1');
      expectSameCustomers(run.rows, await runDuckDb(run.sql, path, { 'Customer ID': 'VARCHAR', Date: 'DATE', Amount: 'DOUBLE', Channel: 'VARCHAR' }));
    }
  }, 180_000);
});
