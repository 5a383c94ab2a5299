import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, test } from '@playwright/test';

// a buys in January and March, b in February, c in March; 2024-02-15 leaves the March lines out.
const CSV = ['customer,date,amount', 'a,2024-01-01,10', 'a,2024-03-01,20', 'b,2024-02-01,5', 'c,2024-03-10,7'].join('\n');

test('an analysis date before the last purchase leaves later lines out of every figure, says how many, and is used everywhere', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'dated.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByTestId('customers')).toHaveText('3');
  await expect(page.getByTestId('analysis-day')).toHaveValue('2024-03-11');

  await page.getByTestId('analysis-day').fill('2024-02-15');
  await expect(page.getByTestId('customers')).toHaveText('2');
  await expect(page.getByTestId('revenue')).toHaveText('15.00');
  await expect(page.getByTestId('analysis-day')).toHaveValue('2024-02-15');
  await expect(page.getByTestId('model-status')).toContainText('2 customers scored with 5 scores per dimension, recency to 2024-02-15');
  await expect(page.getByTestId('recency-definition')).toContainText('2024-02-15: transactions dated after it are left out');
  await page.getByText('How the file was read').click();
  await expect(page.getByTestId('analysis-date-note')).toContainText('Recency is measured to 2024-02-15. 2 lines are dated after it and left out of every figure.');

  // No customer's recency is negative: the export says so row by row.
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  const rows = Papa.parse<Record<string, string>>(readFileSync(await (await file).path(), 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rows.map((r) => [r.customer_id, Number(r.recency_days)])).toEqual([['a', 45], ['b', 14]]);

  await page.getByRole('button', { name: /Use the day after the last transaction/ }).click();
  await expect(page.getByTestId('customers')).toHaveText('3');
  await expect(page.getByTestId('analysis-day')).toHaveValue('2024-03-11');
  await expect(page.getByTestId('analysis-date-note')).not.toContainText('left out');
});
