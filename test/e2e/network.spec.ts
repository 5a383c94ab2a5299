import { expect, test, type Page } from '@playwright/test';

/** Records every request the page (and its workers) makes while `journey` runs. */
async function requestsDuring(page: Page, journey: () => Promise<void>): Promise<URL[]> {
  const urls: URL[] = [];
  page.context().on('request', (r) => urls.push(new URL(r.url())));
  await journey();
  return urls;
}

async function loadSample(page: Page) {
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
}

test('the app makes no request outside its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const urls = await requestsDuring(page, async () => {
    await page.goto('./');
    await loadSample(page);
    await page.getByTestId('file-input').setInputFiles({
      name: 'x.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('customer,date,amount\na,2024-01-01,5\n'),
    });
    await expect(page.getByTestId('customers')).toHaveText('1');
  });
  expect(urls.length).toBeGreaterThan(3);
  const outside = urls.filter((u) => u.origin !== origin && u.protocol !== 'blob:' && u.protocol !== 'data:');
  expect(outside.map(String)).toEqual([]);
});

test('the built app works when served from a sub-path', async ({ page, baseURL }) => {
  const urls = await requestsDuring(page, async () => {
    await page.goto(new URL('a/b/', baseURL).href);
    await loadSample(page);
  });
  const own = urls.filter((u) => u.protocol.startsWith('http'));
  // Every asset, worker and the sample came from under /a/b/, not from the host's root.
  expect(own.filter((u) => !u.pathname.startsWith('/a/b/')).map(String)).toEqual([]);
  expect(own.some((u) => u.pathname.endsWith('.csv'))).toBe(true);
  expect(own.some((u) => u.pathname.includes('ingest.worker'))).toBe(true);
});
