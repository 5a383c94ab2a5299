import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TransactionIngest, customerMetrics, guessRoles, mappingProblems, type IngestOptions, type TextEncodingName } from '../../../src/core/index.ts';
import { mulberry32 } from '../../../scripts/mulberry32.mjs';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const decode = (b: Uint8Array, _e: TextEncodingName) => utf8.decode(b);

function ingest(text: string, options: Partial<IngestOptions> = {}) {
  const bytes = new TextEncoder().encode(text);
  const t = new TransactionIngest({ fileName: 'cost.csv', bytes: bytes.length, decode, ...options });
  t.push(bytes);
  return t.finish();
}

/** Reads the text in two parts cut at a line start, as the app does with large files. */
function ingestInTwo(text: string, cut: number) {
  const bytes = new TextEncoder().encode(text);
  const first = new TransactionIngest({ fileName: 'cost.csv', bytes: bytes.length, decode });
  first.push(bytes.subarray(0, cut));
  const second = new TransactionIngest({ fileName: 'cost.csv', bytes: bytes.length, decode, continuation: first.context()! });
  second.push(bytes.subarray(cut));
  first.mergePart(second.finishPart());
  return first.finish();
}

function grossMarginOf(out: ReturnType<typeof ingest>): Map<string, number> {
  const m = customerMetrics(out.transactions, out.customers, out.summary.analysisDay);
  return new Map(out.customers.ids.map((id, r) => [id, m.grossMargin![r]]));
}


/**
 * A file with a line cost column: purchases, returns (negative amounts, their cost written
 * positive or negative), blank costs, "NA" costs and costs that are not numbers. Every row has
 * its own line number, so none is an exact duplicate.
 */
function costFile(rows: number, seed: number): string {
  const rnd = mulberry32(seed);
  const lines = ['Customer ID,Date,Amount,Cost,Line'];
  for (let i = 0; i < rows; i++) {
    const customer = `c${1 + Math.floor(rnd() * 25)}`;
    const day = 1 + Math.floor(rnd() * 28);
    const cents = 1 + Math.floor(rnd() * 50000);
    const isReturn = rnd() < 0.15;
    const amount = ((isReturn ? -cents : cents) / 100).toFixed(2);
    const costCents = Math.floor(cents * (0.2 + 0.6 * rnd()));
    const k = rnd();
    const cost = k < 0.08 ? '' : k < 0.12 ? 'NA' : k < 0.14 ? 'n/a?' : isReturn && k < 0.5 ? (-costCents / 100).toFixed(2) : (costCents / 100).toFixed(2);
    lines.push(`${customer},2024-03-${String(day).padStart(2, '0')},${amount},${cost},${i}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Gross margin per customer worked out independently: the rows read with papaparse, money in
 * whole cents, a return's cost counted negative however it is written, a cost that is not a
 * number counted as 0; customers with no purchase line left out.
 */
function bruteForce(text: string): Map<string, number> {
  const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
  const revenue = new Map<string, number>();
  const cost = new Map<string, number>();
  const buys = new Set<string>();
  for (const r of rows) {
    const cents = Math.round(Number(r.Amount) * 100);
    const c = /^-?\d+(\.\d+)?$/.test(r.Cost) ? Math.abs(Math.round(Number(r.Cost) * 100)) : 0;
    revenue.set(r['Customer ID'], (revenue.get(r['Customer ID']) ?? 0) + cents);
    cost.set(r['Customer ID'], (cost.get(r['Customer ID']) ?? 0) + (cents < 0 ? -c : c));
    if (cents > 0) buys.add(r['Customer ID']);
  }
  return new Map([...buys].map((id) => [id, (revenue.get(id)! - cost.get(id)!) / 100]));
}

describe('gross margin from a cost column', () => {
  const text = costFile(600, 7);
  const out = ingest(text);

  it('is net revenue minus net cost per customer, to the cent, as a brute-force sum over the rows gives', () => {
    const expected = bruteForce(text);
    const got = grossMarginOf(out);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, margin] of expected) expect(got.get(id)).toBe(margin);
  });

  it('counts the cost cells that give no cost, by reason, with rows and the column', () => {
    const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
    const missing = rows.flatMap((r, i) => (r.Cost === '' || r.Cost === 'NA' ? [i + 2] : []));
    const bad = rows.flatMap((r, i) => (r.Cost === 'n/a?' ? [i + 2] : []));
    expect(missing.length).toBeGreaterThan(0);
    expect(bad.length).toBeGreaterThan(0);
    const cells = out.summary.costCells!;
    expect(cells.find((c) => c.code === 'missing-cost')).toMatchObject({ count: missing.length, examples: missing.slice(0, 5).map((row) => ({ row, column: 'Cost' })) });
    expect(cells.find((c) => c.code === 'bad-cost')).toMatchObject({ count: bad.length, examples: bad.slice(0, 5).map((row) => ({ row, column: 'Cost', value: 'n/a?' })) });
    expect(out.summary.warnings.join(' ')).toContain(`${missing.length} rows have no cost (empty or a missing-value marker), the first in row ${missing[0]}, column "Cost"`);
    // The rows stay: their revenue is sound.
    expect(out.summary.rowsUsed).toBe(600);
  });

  it('names the cost column in the summary, as it was guessed', () => {
    expect(out.summary.columns.cost).toBe('Cost');
  });

  it('gives the same margins when the file is read in two parts', () => {
    const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    expect(grossMarginOf(ingestInTwo(text, cut))).toEqual(grossMarginOf(out));
  });

  it('leaves the costs of lines the cleaning rules drop out (returns excluded)', () => {
    const excluded = ingest(text, { cleaning: { returns: 'exclude' } });
    const purchasesOnly = ['Customer ID,Date,Amount,Cost,Line', ...text.trim().split('\n').slice(1).filter((l) => !l.split(',')[2].startsWith('-'))].join('\n');
    const expected = bruteForce(purchasesOnly);
    const got = grossMarginOf(excluded);
    for (const [id, margin] of expected) expect(got.get(id)).toBe(margin);
  });

  it('is empty (NaN) for every customer without a cost column', () => {
    const plain = ingest('Customer ID,Date,Amount\nc1,2024-01-01,10\nc2,2024-01-02,20\n');
    expect(plain.summary.costCells).toBeUndefined();
    const m = customerMetrics(plain.transactions, plain.customers, plain.summary.analysisDay);
    expect([...m.grossMargin!].every(Number.isNaN)).toBe(true);
  });
});

describe('gross margin from a unit cost column', () => {
  // c1: 2 × 10.00 at unit cost 4.25, then 1 returned (−10.00, quantity −1): revenue 10.00, cost 4.25.
  // c2: 3 × 1.10 at 0.333 (cost 0.999), and a line with a blank quantity: its cost is unknown (0).
  const text = ['Customer,Date,Quantity,Unit Price,Unit Cost', 'c1,2024-01-01,2,10.00,4.25', 'c1,2024-01-05,-1,10.00,4.25', 'c2,2024-01-02,3,1.10,0.333', 'c2,2024-01-03,,1.10,0.5'].join('\n') + '\n';

  it('is quantity × unit cost per line, returns netted', () => {
    const out = ingest(text, { mapping: { customer: 0, date: 1, order: null, amount: null, quantity: 2, price: 3, product: null, category: null, channel: null, unitCost: 4 } });
    // The blank-quantity line has no revenue either: it is skipped as a missing amount.
    const m = grossMarginOf(out);
    expect(m.get('c1')).toBe(5.75);
    // Exactly 3.30 − 0.999 (summed in ten-thousandths), not the double 3.3 − 0.999 = 2.3009999999999997.
    expect(m.get('c2')).toBe(2.301);
  });

  it('counts a unit cost beside a blank quantity as a missing cost, at the quantity column', () => {
    const withAmount = ['Customer,Date,Amount,Quantity,Unit Cost', 'c1,2024-01-01,20,2,4.25', 'c1,2024-01-02,7,,4.25'].join('\n') + '\n';
    const out = ingest(withAmount, { mapping: { customer: 0, date: 1, order: null, amount: 2, quantity: 3, price: null, product: null, category: null, channel: null, unitCost: 4 } });
    expect(grossMarginOf(out).get('c1')).toBe(18.5);
    expect(out.summary.costCells).toEqual([{ code: 'missing-cost', label: expect.any(String), count: 1, examples: [{ row: 3, column: 'Quantity', value: '' }] }]);
  });
});

describe('guessing the cost roles', () => {
  it('takes cost, COGS, unit cost and Einstandspreis from their names', () => {
    expect(guessRoles(['Customer ID', 'Date', 'Amount', 'Cost']).cost).toBe(3);
    expect(guessRoles(['Customer ID', 'Date', 'Amount', 'COGS']).cost).toBe(3);
    expect(guessRoles(['Customer ID', 'Date', 'Quantity', 'Unit Price', 'unit_cost'])).toMatchObject({ price: 3, unitCost: 4, cost: null });
    expect(guessRoles(['Kundennummer', 'Datum', 'Menge', 'Preis', 'Einstandspreis'])).toMatchObject({ quantity: 2, price: 3, unitCost: 4 });
  });

  it('does not take a cost it cannot be sure of: loose names, or a unit cost without a quantity', () => {
    expect(guessRoles(['Customer ID', 'Date', 'Amount', 'Shipping cost', 'Cost centre'])).toMatchObject({ cost: null, unitCost: null });
    expect(guessRoles(['Customer ID', 'Date', 'Amount', 'Unit cost'])).toMatchObject({ cost: null, unitCost: null });
  });

  it('no longer reads a unit cost as the selling price', () => {
    expect(guessRoles(['Customer ID', 'Date', 'Quantity', 'Unit Cost']).price).toBeNull();
  });

  it('says what is wrong with a cost mapping', () => {
    const base = { customer: 0, date: 1, order: null, amount: 2, quantity: null, price: null, product: null, category: null, channel: null };
    expect(mappingProblems({ ...base, unitCost: 3 }, 5)).toContain('A unit cost needs a quantity column: choose one, or choose the line cost instead.');
    expect(mappingProblems({ ...base, quantity: 4, cost: 3, unitCost: 3 }, 5)).toContain('Choose a line cost or a unit cost, not both.');
    expect(mappingProblems({ ...base, cost: 3 }, 5)).toEqual([]);
  });
});
