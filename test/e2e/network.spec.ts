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

test("every script of the page and its workers starts with V8's compile hint, so it is compiled as it loads", async ({ page }) => {
  const scripts = new Map<string, string>();
  page.context().on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js') && !r.url().endsWith('/sw.js')) void r.text().then((text) => scripts.set(r.url(), text), () => {});
  });
  await page.goto('./');
  await loadSample(page);
  // The page, its ingest, part, analysis and painter workers (the service worker's scripts aside).
  await expect.poll(() => [...scripts.keys()].filter((u) => /\/assets\/(index|ingest\.worker|ingest-part\.worker|analysis\.worker|scatter-paint\.worker)-/.test(u)).length).toBe(5);
  for (const [url, text] of scripts) {
    if (!url.includes('/assets/')) continue;
    expect(text.split('\n', 1)[0]!.slice(0, 60), url).toBe('//# allFunctionsCalledOnLoad');
  }
});
