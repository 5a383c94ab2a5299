import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';

const SAMPLE_PATH = resolve('public/samples/online-retail-2011-jan-feb.csv');

async function loadSample(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await file;
  return { name: d.suggestedFilename(), text: readFileSync(await d.path()).toString('utf8') };
}

test('Export as SQL downloads a DuckDB script whose customer_segments is the customers export', async ({ page }) => {
  await loadSample(page);
  const csv = await download(page, 'Export customers (CSV)');
  const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;

  await expect(page.getByTestId('sql-dialect')).toHaveValue('duckdb');
  await expect(page.getByTestId('sql-table')).toHaveValue('transactions');
  const script = await download(page, 'Export as SQL');
  expect(script.name).toBe('online-retail-2011-jan-feb-segments-duckdb.sql');
  await expect(page.getByTestId('sql-status')).toContainText('Saved online-retail-2011-jan-feb-segments-duckdb.sql');
  const header = script.text.slice(0, script.text.indexOf('CREATE'));
  expect(header).toMatch(/^-- Customer segmentation from Segment Studio \d+\.\d+\.\d+, for DuckDB\./);
  expect(header).toMatch(/-- Settings fingerprint: [0-9a-f]{16}/);
  expect(header).toMatch(/-- Source file: online-retail-2011-jan-feb\.csv, fingerprint [0-9a-f]{16}/);
  expect(header).toContain('--   InvoiceDate: DATE or TIMESTAMP');
  expect(header).toContain('--   CustomerID: text (or integer)');
  expect(header).toContain('-- Engine: DuckDB');

  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`CREATE TABLE transactions AS SELECT * FROM read_csv('${SAMPLE_PATH}', header = true, columns = {
    'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Quantity': 'DOUBLE', 'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'})`);
  await connection.run(script.text);
  const result = await connection.runAndReadAll('SELECT customer_id, rfm_segment, value_band, lifecycle, monetary FROM customer_segments');
  const sql = new Map(result.getRowsJS().map((r) => [String(r[0]), r.slice(1).map(String)]));
  connection.closeSync();
  db.closeSync();
  expect(sql.size).toBe(rows.length);
  const differ = rows.filter((r) => {
    const s = sql.get(r.customer_id);
    return !s || s[0] !== r.rfm_segment || s[1] !== r.value_band || s[2] !== r.lifecycle || Number(s[3]).toFixed(2) !== r.monetary;
  });
  expect(differ.map((r) => r.customer_id)).toEqual([]);
});

test('Export as SQL says what is wrong with a table name and keeps the analysis', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('sql-table').fill('sales; DROP TABLE x');
  await page.getByTestId('sql-dialect').selectOption('bigquery');
  await page.getByRole('button', { name: 'Export as SQL' }).click();
  await expect(page.getByTestId('sql-problem')).toContainText('"sales; DROP TABLE x" is not a table name');
  await page.getByTestId('sql-table').fill('sales.transactions');
  const script = await download(page, 'Export as SQL');
  expect(script.name).toBe('online-retail-2011-jan-feb-segments-bigquery.sql');
  expect(script.text).toContain('CREATE OR REPLACE TABLE `sales`.`customer_segments` AS');
  expect(script.text).toContain('FROM `sales`.`transactions`');
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
});
