// Per-customer recency, frequency and monetary on the UCI Online Retail data, computed twice:
// by a deliberately plain reference (header-mode rows, Maps and Sets, dates as strings, recency
// with Date.UTC, money in integer thousandths) and by the app's own path from the file's bytes
// (the ingest API over TransactionIngest, with the column roles it guesses and the matching
// cleaning rules, then scoreRfm and the metrics the ingest hands on), compared customer by customer.
//
// By default it reads the committed slice (test/fixtures/online-retail/). For the whole file:
//   ONLINE_RETAIL_FULL=/path/to/online_retail.csv npx vitest run test/unit/metrics/online-retail-reference.test.ts
// or `node scripts/check-online-retail.mjs /path/to/online_retail.csv`, which prints the counts.
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { unpackCustomers } from '../../../src/core/ingest/pack-strings.ts';
import { formatDay } from '../../../src/core/ingest/parse-day.ts';
import { scoreRfm } from '../../../src/core/rfm/score-rfm.ts';
import type { CleaningPolicy } from '../../../src/core/types.ts';
import { createIngestApi } from '../../../workers/ingest-api.ts';

const FULL = process.env.ONLINE_RETAIL_FULL;
const SOURCE = FULL || new URL('../../fixtures/online-retail/online-retail-slice.csv', import.meta.url);
const TEXT = readFileSync(SOURCE, 'utf8');
// Two parses of half a million rows take seconds.
// The slice has 155 customer ids; one (13256) has only a zero-price line and is cleaned away.
const SLICE_CUSTOMERS = 154;
const TIMEOUT = FULL ? 300_000 : 20_000;

/** What both implementations report per customer. */
interface CustomerFigures {
  recency: number;
  frequency: number;
  /** Thousandths of the currency (prices have up to three decimals). */
  monetaryMills: number;
  tenure: number;
  purchaseDays: number;
  medianGap: number;
  items: number;
}

interface Result {
  analysisDate: string;
  customers: Map<string, CustomerFigures>;
}

// ---- The reference: plain JavaScript, nothing from src/core. ----

type Row = Record<string, string>;

function referenceCleaning(text: string): Row[] {
  const rows = Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
  const seen = new Set<string>();
  const kept: Row[] = [];
  for (const row of rows) {
    if (row.CustomerID.trim() === '') continue;
    if (row.InvoiceNo.startsWith('C')) continue;
    if (!(Number(row.Quantity) > 0)) continue;
    if (!(Number(row.UnitPrice) > 0)) continue;
    const key = JSON.stringify(row);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(row);
  }
  return kept;
}

const MS_PER_DAY = 86_400_000;

function utc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function reference(text: string): Result {
  const rows = referenceCleaning(text);
  let lastDate = '';
  for (const row of rows) if (row.InvoiceDate.slice(0, 10) > lastDate) lastDate = row.InvoiceDate.slice(0, 10);
  const analysis = utc(lastDate) + MS_PER_DAY;

  const byCustomer = new Map<string, Row[]>();
  for (const row of rows) {
    const id = String(Number(row.CustomerID));
    if (!byCustomer.has(id)) byCustomer.set(id, []);
    byCustomer.get(id)!.push(row);
  }
  const customers = new Map<string, CustomerFigures>();
  for (const [id, own] of byCustomer) {
    const dates = [...new Set(own.map((r) => r.InvoiceDate.slice(0, 10)))].sort();
    const gaps = dates.slice(1).map((d, i) => (utc(d) - utc(dates[i])) / MS_PER_DAY).sort((a, b) => a - b);
    const mid = Math.floor(gaps.length / 2);
    customers.set(id, {
      recency: (analysis - utc(dates[dates.length - 1])) / MS_PER_DAY,
      frequency: new Set(own.map((r) => r.InvoiceNo)).size,
      monetaryMills: own.reduce((sum, r) => sum + Number(r.Quantity) * Math.round(Number(r.UnitPrice) * 1000), 0),
      tenure: (utc(dates[dates.length - 1]) - utc(dates[0])) / MS_PER_DAY,
      purchaseDays: dates.length,
      medianGap: gaps.length === 0 ? NaN : gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2,
      items: own.reduce((sum, r) => sum + Number(r.Quantity), 0),
    });
  }
  return { analysisDate: new Date(analysis).toISOString().slice(0, 10), customers };
}

// ---- The app: the file's bytes through the production ingest (TransactionIngest's byte
// parser, the ingest worker's API) and the metrics it hands the analysis worker. ----

/** The reference's cleaning, as the app's cleaning rules say it. */
const CLEANING: CleaningPolicy = { returns: 'exclude', duplicates: 'drop', nonPositivePrice: 'exclude', nonProduct: 'keep' };

async function viaApp(text: string): Promise<Result> {
  const ingest = createIngestApi();
  const outcome = await ingest.ingest(new Blob([text]), 'online-retail.csv', undefined, { cleaning: CLEANING });
  if (!outcome.ok) throw new Error(outcome.problem.message);
  const { customers: packed, summary } = outcome.value;
  const metricTable = await ingest.metrics();
  if (!metricTable) throw new Error('no metrics after an ingest');
  const table = unpackCustomers(packed, (b) => new TextDecoder().decode(b));
  const analysisDay = summary.lastDay + 1;
  const { recency } = scoreRfm(table, { bins: 5, analysisDay });
  const m = metricTable.metrics;
  const customers = new Map<string, CustomerFigures>();
  for (let i = 0; i < table.n; i++) {
    customers.set(table.ids[i], {
      recency: recency[i],
      frequency: table.frequency[i],
      // Compared to the reference's exact thousandths to the cent.
      monetaryMills: table.monetary[i] * 1000,
      tenure: m.tenureDays[i],
      purchaseDays: m.purchaseDays[i],
      medianGap: m.medianGapDays[i],
      items: m.items[i],
    });
  }
  return { analysisDate: formatDay(analysisDay), customers };
}

/** One line per customer and figure that differ; monetary must agree to within half a cent. */
function mismatches(core: Result, ref: Result): string[] {
  const out: string[] = [];
  for (const id of ref.customers.keys()) if (!core.customers.has(id)) out.push(`${id}: only in the reference`);
  for (const [id, c] of core.customers) {
    const r = ref.customers.get(id);
    if (!r) {
      out.push(`${id}: only in the core`);
      continue;
    }
    for (const key of Object.keys(r) as Array<keyof CustomerFigures>) {
      const same = key === 'monetaryMills' ? Math.abs(c[key] - r[key]) < 5 : Object.is(c[key], r[key]);
      if (!same) out.push(`${id}: ${key} core ${c[key]}, reference ${r[key]}`);
    }
  }
  return out;
}

describe(`Online Retail RFM against a plain reference (${FULL ? 'full file' : 'committed slice'})`, () => {
  it('agrees customer by customer on recency, frequency, monetary, tenure, purchase days, median gap and items', async () => {
    const ref = reference(TEXT);
    const core = await viaApp(TEXT);
    const problems = mismatches(core, ref);
    if (process.env.ONLINE_RETAIL_REPORT) {
      const report = { source: String(SOURCE), analysisDate: ref.analysisDate, customersCompared: ref.customers.size, mismatches: problems.length, examples: problems.slice(0, 20) };
      writeFileSync(process.env.ONLINE_RETAIL_REPORT, JSON.stringify(report, null, 2));
    }
    expect(core.analysisDate).toBe(ref.analysisDate);
    expect(core.customers.size).toBe(ref.customers.size);
    expect(problems).toEqual([]);
    // The data ends on 9 December 2011; the slice keeps customers who bought that day.
    expect(ref.analysisDate).toBe('2011-12-10');
    // 4,338 customers after this cleaning is the count widely reported for the full file.
    expect(ref.customers.size).toBe(FULL ? 4338 : SLICE_CUSTOMERS);
  }, TIMEOUT);

  it.skipIf(FULL)('uses a slice that has the rows the cleaning is about', () => {
    const rows = Papa.parse<Row>(TEXT, { header: true, skipEmptyLines: true }).data;
    const count = (test: (r: Row) => boolean) => rows.filter(test).length;
    const lines = TEXT.trim().split('\n').slice(1);
    expect(count((r) => r.CustomerID === '')).toBeGreaterThan(0);
    expect(count((r) => r.InvoiceNo.startsWith('C'))).toBeGreaterThan(0);
    expect(count((r) => Number(r.UnitPrice) === 0 && r.CustomerID !== '')).toBeGreaterThan(0);
    expect(count((r) => r.Description.includes(','))).toBeGreaterThan(0);
    expect(lines.length - new Set(lines).size).toBeGreaterThan(0);
    expect(referenceCleaning(TEXT).length).toBeLessThan(rows.length);
  });
});
