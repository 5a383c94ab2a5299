import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readNumber, referenceFigures } from './reference.ts';

const SAMPLE_PATH = 'public/samples/online-retail-2011-jan-feb.csv';
const RETAIL_COLUMNS = { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', price: 'UnitPrice' };

async function figures(page: Page) {
  return {
    customers: readNumber(await page.getByTestId('customers').innerText()),
    orders: readNumber(await page.getByTestId('orders').innerText()),
    revenue: readNumber(await page.getByTestId('revenue').innerText()),
    marks: Number(await page.getByTestId('scatter-canvas').getAttribute('data-marks')),
  };
}

async function waitForScatter(page: Page) {
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
}

test('a CSV chosen with the file input gives the figures an independent computation gives', async ({ page }) => {
  const reference = referenceFigures(readFileSync(SAMPLE_PATH, 'utf8'), RETAIL_COLUMNS);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(SAMPLE_PATH);
  await waitForScatter(page);
  const shown = await figures(page);
  expect(shown.customers).toBe(reference.customers);
  expect(shown.orders).toBe(reference.orders);
  expect(shown.revenue).toBeCloseTo(reference.revenue, 2);
  expect(readNumber(await page.getByTestId('rows-skipped').innerText())).toBe(reference.skipped);
  expect(readNumber(await page.getByTestId('rows-missing').innerText())).toBe(reference.missing);
  // One mark per customer on the scatter.
  expect(shown.marks).toBe(reference.customers);
});

test('"Try the sample data" shows the summary, the scatter and where the sample comes from', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByText('UCI “Online Retail”')).toBeVisible();
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await waitForScatter(page);
  const shown = await figures(page);
  expect(shown.marks).toBe(shown.customers);
  await expect(page.getByTestId('date-range')).toHaveText('2011-01-04 to 2011-02-28');
  await expect(page.getByRole('heading', { name: 'online-retail-2011-jan-feb.csv' })).toBeVisible();
});

test('hovering a customer shows a tooltip with the id and values', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({
    name: 'one.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,date,amount\nALPHA-1,2024-01-01,100\nBETA-2,2024-03-01,10\n'),
  });
  await waitForScatter(page);
  const canvas = page.getByTestId('scatter-canvas');
  // Find a painted pixel of the canvas and hover there.
  const spot = await canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d')!;
    const { data, width, height } = ctx.getImageData(0, 0, el.width, el.height);
    const scale = el.width / el.clientWidth;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) if (data[(y * width + x) * 4 + 3] > 0) return { x: x / scale + 1, y: y / scale + 1 };
    return null;
  });
  expect(spot).not.toBeNull();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + spot!.x, box.y + spot!.y);
  const found = await page.getByTestId('tooltip').isVisible();
  expect(found).toBe(true);
  await expect(page.getByTestId('tooltip')).toContainText(/Customer (ALPHA-1|BETA-2)/);
  // Each has one order, bought 61 days (ALPHA-1) or 1 day (BETA-2) before the analysis day: singular where one.
  await expect(page.getByTestId('tooltip')).toContainText(/ALPHA-1[\s\S]*61 days since last purchase|BETA-2[\s\S]*1 day since last purchase/);
  await expect(page.getByTestId('tooltip')).toContainText('1 order · revenue');
  await expect(page.getByTestId('tooltip')).not.toContainText('1 orders');
});
