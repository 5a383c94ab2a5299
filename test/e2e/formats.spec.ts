import { expect, test, type Page } from '@playwright/test';
import { readNumber } from './reference.ts';

// The fixtures hold small-shop.csv's transactions; its figures are derived line by line in
// test/unit/ingest/transaction-ingest.test.ts: customers c1..c4, 5 orders, revenue 395.50.
const FIXTURES = 'test/fixtures/formats';

async function figures(page: Page) {
  return {
    customers: readNumber(await page.getByTestId('customers').innerText()),
    orders: readNumber(await page.getByTestId('orders').innerText()),
    revenue: readNumber(await page.getByTestId('revenue').innerText()),
  };
}

/** Every request the page and its workers make, to check nothing leaves the app's origin. */
function recordRequests(page: Page): URL[] {
  const urls: URL[] = [];
  page.context().on('request', (r) => urls.push(new URL(r.url())));
  return urls;
}

test('an Excel workbook chosen with the file input gives the small-shop figures; another sheet can be read', async ({ page, baseURL }) => {
  const urls = recordRequests(page);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(`${FIXTURES}/small-shop.xlsx`);
  await expect(page.getByTestId('customers')).toHaveText('4');
  expect(await figures(page)).toEqual({ customers: 4, orders: 5, revenue: 395.5 });

  const picker = page.getByTestId('sheet-picker');
  await expect(picker.getByRole('combobox')).toHaveValue('Orders');
  await picker.getByRole('combobox').selectOption('January');
  // January: c1 with order A1 (100 + 20), c2 with order A2 (50).
  await expect(page.getByTestId('customers')).toHaveText('2');
  expect(await figures(page)).toEqual({ customers: 2, orders: 2, revenue: 170 });

  const origin = new URL(baseURL!).origin;
  expect(urls.filter((u) => u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:').map(String)).toEqual([]);
});

test('a Parquet file chosen with the file input gives the small-shop figures', async ({ page, baseURL }) => {
  const urls = recordRequests(page);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(`${FIXTURES}/small-shop.parquet`);
  await expect(page.getByTestId('customers')).toHaveText('4');
  expect(await figures(page)).toEqual({ customers: 4, orders: 5, revenue: 395.5 });
  // Not a workbook: no sheet to choose.
  await expect(page.getByTestId('sheet-picker')).toHaveCount(0);

  const origin = new URL(baseURL!).origin;
  expect(urls.filter((u) => u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:').map(String)).toEqual([]);
});
