import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { quantileBandCounts, referenceCustomers, scoreCounts } from './customer-reference.ts';
import { readNumber } from './reference.ts';

const SAMPLE_PATH = 'public/samples/online-retail-2011-jan-feb.csv';
const RETAIL_COLUMNS = { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', price: 'UnitPrice' };

async function loadSample(page: Page): Promise<void> {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('rf-grid')).toBeVisible();
}

/** The customers column of a table whose rows carry `attr` and count cells `testId`, by that attribute. */
async function countsBy(table: Locator, attr: string, testId: string): Promise<Map<string, number>> {
  const rows = await table.locator(`tbody tr[${attr}]`).all();
  const out = new Map<string, number>();
  for (const row of rows) out.set((await row.getAttribute(attr))!, readNumber((await row.getByTestId(testId).textContent()) ?? ''));
  return out;
}

/** Customers per score, score 1 first. */
async function scoreTable(page: Page, dimension: 'r' | 'f' | 'm'): Promise<number[]> {
  const counts = await countsBy(page.getByTestId(`score-bins-${dimension}`), 'data-score', 'score-count');
  return [...counts].sort(([a], [b]) => Number(a) - Number(b)).map(([, n]) => n);
}

async function download(page: Page): Promise<Buffer> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  return readFileSync(await (await file).path());
}

function parse(bytes: Buffer): Array<Record<string, string>> {
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

function tally(rows: Array<Record<string, string>>, column: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) out.set(row[column], (out.get(row[column]) ?? 0) + 1);
  return out;
}

/** Drops zero counts, so a table that lists empty segments compares with a file that has none. */
const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, n]) => n > 0));

test('the customers CSV parses back to the figures and tables the app shows, formula-looking ids neutralised, numbers kept', async ({ page }) => {
  // Customer ids a spreadsheet would run as formulas; see the hand-worked figures below.
  const csv = [
    'Order,Customer ID,Date,Amount',
    'A1,"=HYPERLINK(""http://x"")",2024-01-05,100.00',
    'A2,"=HYPERLINK(""http://x"")",2024-02-01,50.00',
    'A3,+4915112345678,2024-01-10,80.00',
    'A4,-7,2024-02-10,20.00',
    'A5,@sum,2024-02-12,300.00',
    'A6,c1,2024-02-20,10.50',
    'A7,c1,2024-02-20,-2.50',
  ].join('\n');
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'formulas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('customers')).toHaveText('5');
  await expect(page.getByTestId('rf-grid')).toBeVisible();

  const rows = parse(await download(page));
  expect(Object.keys(rows[0])).toEqual([
    'customer_id', 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'r_score', 'f_score', 'm_score', 'rfm_segment', 'value_band', 'lifecycle',
  ]);
  // Text that starts with =, +, - or @ comes back behind a quote; everything else as written.
  expect(rows.map((r) => r.customer_id)).toEqual(["'=HYPERLINK(\"http://x\")", "'+4915112345678", "'-7", "'@sum", 'c1']);
  // Numbers stay numbers: recency to 2024-02-21, the day after the last transaction.
  expect(rows.map((r) => [Number(r.recency_days), Number(r.frequency), Number(r.monetary), Number(r.avg_order_value)])).toEqual([
    [20, 2, 150, 75],
    [42, 1, 80, 80],
    [11, 1, 20, 20],
    [9, 1, 300, 300],
    [1, 1, 8, 8],
  ]);
  expect(rows.every((r) => /^[1-5]$/.test(r.r_score) && /^[1-5]$/.test(r.f_score) && /^[1-5]$/.test(r.m_score))).toBe(true);

  // The file against the figures on screen.
  expect(rows).toHaveLength(readNumber(await page.getByTestId('customers').innerText()));
  expect(rows.reduce((s, r) => s + Number(r.frequency), 0)).toBe(readNumber(await page.getByTestId('orders').innerText()));
  expect(rows.reduce((s, r) => s + Number(r.monetary), 0)).toBeCloseTo(readNumber(await page.getByTestId('revenue').innerText()), 2);
  expect(tally(rows, 'rfm_segment')).toEqual(nonZero(await countsBy(page.getByTestId('segment-rules'), 'data-segment', 'segment-count')));
  expect(tally(rows, 'value_band')).toEqual(
    nonZero(new Map([...(await countsBy(page.getByTestId('value-bands'), 'data-band', 'band-count'))].map(([code, n]) => [['High value', 'Intermediate value', 'Low value'][Number(code)], n]))),
  );
  expect(tally(rows, 'lifecycle')).toEqual(nonZero(await countsBy(page.getByTestId('lifecycle-stages'), 'data-stage', 'stage-count')));
  const rScores = await scoreTable(page, 'r');
  expect([1, 2, 3, 4, 5].map((s) => rows.filter((r) => Number(r.r_score) === s).length)).toEqual(rScores);

  // One segment only, with a byte order mark for Excel.
  const high = await countsBy(page.getByTestId('value-bands'), 'data-band', 'band-count');
  await page.getByTestId('export-only').selectOption({ label: `Value band: High value (${high.get('0')})` });
  await page.getByTestId('export-bom').check();
  const bytes = await download(page);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const only = parse(bytes.subarray(3));
  expect(only).toHaveLength(high.get('0')!);
  expect(only.every((r) => r.value_band === 'High value')).toBe(true);
  await expect(page.getByTestId('export-status')).toHaveText(`Saved ${high.get('0')} customers.`);
});

test('changing the number of scores and the value band method gives the counts an independent computation gives', async ({ page }) => {
  const customers = referenceCustomers(readFileSync(SAMPLE_PATH, 'utf8'), RETAIL_COLUMNS);
  await loadSample(page);
  expect(readNumber(await page.getByTestId('customers').innerText())).toBe(customers.length);
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const lastDays = customers.map((c) => day(c.lastDate));
  const orders = customers.map((c) => c.orders);
  const revenue = customers.map((c) => c.revenue);

  // Default: five scores per dimension.
  expect(await scoreTable(page, 'f')).toEqual(scoreCounts(orders, 5, true));

  await page.getByLabel('Scores per dimension').selectOption('4');
  await expect(page.getByTestId('score-bins-f').locator('tbody tr')).toHaveCount(4);
  // A later last purchase is a better (more recent) one.
  expect(await scoreTable(page, 'r')).toEqual(scoreCounts(lastDays, 4, true));
  expect(await scoreTable(page, 'f')).toEqual(scoreCounts(orders, 4, true));
  expect(await scoreTable(page, 'm')).toEqual(scoreCounts(revenue, 4, true));
  await expect(page.getByTestId('model-status')).toContainText('with 4 scores per dimension');
  // The grid has 4 × 4 cells and holds every customer; the scatter's legend has four scores.
  const cells = page.getByTestId('rf-grid').locator('td');
  await expect(cells).toHaveCount(16);
  const cellCounts = await cells.locator('.count').allTextContents();
  expect(cellCounts.map(readNumber).reduce((a, b) => a + b, 0)).toBe(customers.length);
  await expect(page.getByTestId('scatter-legend').locator('tbody tr')).toHaveCount(4);

  // Value bands by share of customers: top 20% high, next 30% intermediate.
  await page.getByLabel('Value bands by').selectOption({ label: 'Share of customers (quantiles)' });
  const bands = page.getByTestId('value-bands');
  const expected = quantileBandCounts(revenue, 0.2, 0.3);
  await expect(bands.locator('tr[data-band="0"] [data-testid="band-count"]')).toHaveText(expected[0].toLocaleString('en-GB'));
  expect([...(await countsBy(bands, 'data-band', 'band-count')).values()]).toEqual(expected);

  // By fixed amounts: 1,000 and more high, 250 and more intermediate.
  await page.getByLabel('Value bands by').selectOption({ label: 'Fixed revenue amounts' });
  await page.getByLabel('High value from (net revenue)').fill('1000');
  await page.getByLabel('Intermediate value from (net revenue)').fill('250');
  const amounts = [revenue.filter((v) => v >= 1000).length, revenue.filter((v) => v >= 250 && v < 1000).length, revenue.filter((v) => v < 250).length];
  await expect(bands.locator('tr[data-band="1"] [data-testid="band-count"]')).toHaveText(amounts[1].toLocaleString('en-GB'));
  expect([...(await countsBy(bands, 'data-band', 'band-count')).values()]).toEqual(amounts);
  await expect(bands).toContainText('net revenue 1,000.00 or more');

  // Thresholds typed by hand for F (4 scores need 3): under 2 orders, 2, 3 to 4, 5 or more.
  await page.getByTestId('threshold-mode-f').selectOption({ label: 'Typed by hand' });
  await page.getByTestId('cut-points-f').fill('2, 3, 5');
  const typed = [orders.filter((o) => o < 2).length, orders.filter((o) => o === 2).length, orders.filter((o) => o >= 3 && o < 5).length, orders.filter((o) => o >= 5).length];
  await expect(page.getByTestId('score-bins-f').locator('tr[data-score="3"] [data-testid="score-count"]')).toHaveText(typed[2].toLocaleString('en-GB'));
  expect(await scoreTable(page, 'f')).toEqual(typed);
  await expect(page.getByTestId('score-bins-f').locator('tr[data-score="4"]')).toContainText('5 or more orders');

  // Typed thresholds for R follow the same rule: a customer exactly on a threshold gets the higher score.
  const analysisDay = day(await page.getByTestId('analysis-day').inputValue());
  const recency = lastDays.map((d) => analysisDay - d);
  expect(recency.filter((r) => r === 7).length).toBeGreaterThan(0);
  expect(recency.filter((r) => r === 30).length).toBeGreaterThan(0);
  await page.getByTestId('threshold-mode-r').selectOption({ label: 'Typed by hand' });
  await page.getByTestId('cut-points-r').fill('7, 30, 45');
  const typedR = [recency.filter((r) => r > 45).length, recency.filter((r) => r > 30 && r <= 45).length, recency.filter((r) => r > 7 && r <= 30).length, recency.filter((r) => r <= 7).length];
  await expect(page.getByTestId('score-bins-r').locator('tr[data-score="4"] [data-testid="score-count"]')).toHaveText(typedR[3].toLocaleString('en-GB'));
  expect(await scoreTable(page, 'r')).toEqual(typedR);
  await expect(page.getByTestId('score-bins-r').locator('tr[data-score="4"]')).toContainText('at most 7 days');
  await expect(page.getByTestId('score-bins-r').locator('tr[data-score="3"]')).toContainText('over 7 to 30 days');
});

test('a rule segment "orders ≥ 2 AND average order value > 50" counts live what an independent count gives, and is saved and exported', async ({ page }) => {
  const customers = referenceCustomers(readFileSync(SAMPLE_PATH, 'utf8'), RETAIL_COLUMNS);
  const expected = customers.filter((c) => c.orders >= 2 && c.revenue / c.orders > 50).length;
  await loadSample(page);
  const builder = page.getByTestId('rule-segments');
  await builder.getByLabel('Segment name').fill('Active buyers');
  await builder.getByLabel('Field of condition 1').selectOption({ label: 'Orders' });
  await builder.getByLabel('Test of condition 1').selectOption({ label: '≥ at least' });
  await builder.getByLabel('Value of condition 1').fill('2');
  const atLeastTwo = customers.filter((c) => c.orders >= 2).length;
  await expect(builder.getByTestId('rule-count-value')).toHaveText(atLeastTwo.toLocaleString('en-GB'));

  await builder.getByRole('button', { name: 'Add a condition' }).click();
  await builder.getByLabel('Field of condition 2').selectOption({ label: 'Average order value' });
  await builder.getByLabel('Test of condition 2').selectOption({ label: '> more than' });
  await builder.getByLabel('Value of condition 2').fill('50');
  await expect(builder.getByTestId('rule-count-value')).toHaveText(expected.toLocaleString('en-GB'));
  await expect(builder).toContainText('Rule: Orders ≥ 2 and Average order value > 50');

  // OR instead of AND counts the union.
  await builder.getByLabel('How to combine the conditions of the rule').selectOption({ label: 'any of these (OR)' });
  const either = customers.filter((c) => c.orders >= 2 || c.revenue / c.orders > 50).length;
  await expect(builder.getByTestId('rule-count-value')).toHaveText(either.toLocaleString('en-GB'));
  await builder.getByLabel('How to combine the conditions of the rule').selectOption({ label: 'all of these (AND)' });
  await expect(builder.getByTestId('rule-count-value')).toHaveText(expected.toLocaleString('en-GB'));

  await builder.getByRole('button', { name: 'Save segment' }).click();
  const saved = page.getByTestId('saved-rule-segments').locator('tr[data-segment="Active buyers"]');
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(expected.toLocaleString('en-GB'));
  // The scatter can be coloured by it, and the export has its 1/0 column.
  await page.getByTestId('colour-by').selectOption({ label: 'Rule segment: Active buyers' });
  await expect(page.getByTestId('scatter-legend').locator('tbody tr').first()).toContainText(`Active buyers${expected.toLocaleString('en-GB')}`);
  const rows = parse(await download(page));
  expect(rows.filter((r) => r['Active buyers'] === '1')).toHaveLength(expected);
  expect(rows.filter((r) => r['Active buyers'] === '0')).toHaveLength(customers.length - expected);
});
