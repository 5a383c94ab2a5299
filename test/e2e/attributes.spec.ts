import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test('an attributes file is joined on the customer id, counted both ways and exported', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles('test/fixtures/small-shop.csv');
  await expect(page.getByTestId('customers')).toHaveText('4');
  // c1, c2, c3 have attributes; c4 has none; c9 is no customer (see test/fixtures/README.md).
  await page.getByTestId('attributes-input').setInputFiles('test/fixtures/customer-attributes.csv');
  const panel = page.getByTestId('attributes');
  await expect(panel.getByTestId('attributes-matched')).toHaveText('3');
  await expect(panel.getByTestId('attributes-without-customer')).toHaveText('1');
  await expect(panel).toContainText('“c9”');
  await expect(panel).toContainText('Age (number)');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\r\n');
  // The age derived from the birth date follows it.
  expect(lines[0].split(',').slice(0, 7)).toEqual(['customer_id', 'Gender', 'Region', 'Birth date', 'Age', 'Loyalty points', 'recency_days']);
  // c1: F, North, born 1980-06-15, so 43 on the analysis day 2024-02-21, 120 points.
  expect(lines[1].split(',').slice(0, 6)).toEqual(['c1', 'F', 'North', '1980-06-15', '43', '120']);
  expect(lines[4].split(',').slice(0, 6)).toEqual(['c4', '', '', '', '', '']);

  // A file without an id column gets a clear message; the joined attributes stay.
  await page.getByRole('button', { name: 'Remove attributes' }).click();
  await page.getByTestId('attributes-input').setInputFiles({ name: 'no-id.csv', mimeType: 'text/csv', buffer: Buffer.from('gender,region\nF,North\n') });
  await expect(panel.getByRole('alert')).toContainText('No customer id column found in "no-id.csv"');
});

test('ages are taken on the analysis date the analyst types', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles('test/fixtures/small-shop.csv');
  await expect(page.getByTestId('customers')).toHaveText('4');
  await page.getByTestId('attributes-input').setInputFiles('test/fixtures/customer-attributes.csv');
  await expect(page.getByTestId('attributes')).toContainText('Age (number)');
  // c2, born 1995-02-21, is 29 on the default day (2024-02-21) and still 28 on 2024-02-01.
  await page.getByTestId('analysis-day').fill('2024-02-01');
  await expect(page.getByTestId('customers')).toHaveText('2');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0].split(',').slice(0, 5)).toEqual(['customer_id', 'Gender', 'Region', 'Birth date', 'Age']);
  expect(lines.slice(1).map((l) => l.split(',').slice(0, 5))).toEqual([
    ['c1', 'F', 'North', '1980-06-15', '43'],
    ['c2', 'M', 'South', '1995-02-21', '28'],
  ]);
});
