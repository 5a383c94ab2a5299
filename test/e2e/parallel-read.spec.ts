import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, test } from '@playwright/test';
import { readNumber, referenceFigures } from './reference.ts';

const SAMPLE_PATH = 'public/samples/online-retail-2011-jan-feb.csv';
const RETAIL_COLUMNS = { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', price: 'UnitPrice' };

/**
 * Five copies of the sample (19 MB, so the app reads it in two parts, in two workers, and
 * searches its duplicates in the second): in copies 2 to 5 every row's invoice gets the copy's
 * number except every seventh, which stays an exact copy of the first copy's row. Exact
 * duplicates are then far apart, many across the middle of the file where it is cut.
 */
function fiveCopies(): string {
  const [header, ...rows] = readFileSync(SAMPLE_PATH, 'utf8').trimEnd().split('\n');
  const out = [header, ...rows];
  for (let copy = 2; copy <= 5; copy++) {
    rows.forEach((row, i) => out.push(i % 7 === 0 ? row : row.replace(/^[^,]*/, (invoice) => `${invoice}-${copy}`)));
  }
  return `${out.join('\n')}\n`;
}

/** Exact duplicate rows among the rows that read (a plain count: papaparse and a Set). */
function duplicateRows(csv: string): number {
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  const seen = new Set<string>();
  let duplicates = 0;
  for (const row of rows) {
    if (!row.CustomerID?.trim() || Number.isNaN(Number(row.Quantity)) || Number.isNaN(Number(row.UnitPrice))) continue;
    const key = JSON.stringify(row);
    if (seen.has(key)) duplicates++;
    seen.add(key);
  }
  return duplicates;
}

test('a file read in two parts gives the figures and the duplicates a plain count gives', async ({ page }) => {
  const csv = fiveCopies();
  expect(csv.length).toBeGreaterThan(16 << 20);
  const reference = referenceFigures(csv, RETAIL_COLUMNS);
  const duplicates = duplicateRows(csv);
  expect(duplicates).toBeGreaterThan(20_000);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'five-copies.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 60_000 });
  expect(readNumber(await page.getByTestId('customers').innerText())).toBe(reference.customers);
  expect(readNumber(await page.getByTestId('orders').innerText())).toBe(reference.orders);
  expect(readNumber(await page.getByTestId('revenue').innerText())).toBeCloseTo(reference.revenue, 2);
  await page.getByText('How the file was read').click();
  const row = page.getByTestId('cleaning').locator('tr[data-rule="duplicates"]');
  await expect(row.getByTestId('cleaning-rows')).toHaveText(duplicates.toLocaleString('en-US'));
  await expect(row).toContainText('dropped');
  // The workers find the records in WebAssembly (plain-records.ts): nothing refuses it there, as a
  // content security policy without 'wasm-unsafe-eval' would (the reading then falls back to
  // JavaScript, right but slower).
  const readers = page.workers().filter((w) => w.url().includes('ingest'));
  expect(readers.length).toBeGreaterThan(0);
  for (const worker of readers) {
    const compiles = await worker.evaluate(() => {
      try {
        return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
      } catch {
        return false;
      }
    });
    expect(compiles, worker.url()).toBe(true);
  }
});
