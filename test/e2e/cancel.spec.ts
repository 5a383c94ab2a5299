import { expect, test } from '@playwright/test';
import { largeCsvPath } from './large-file.ts';

test('Cancel stops a large import: the worker is terminated and the app stays usable', async ({ page }) => {
  const path = largeCsvPath();
  // The app starts its workers while the page is idle, maybe before the file is chosen.
  const ingestWorker = page.waitForEvent('worker', (w) => /\/ingest\.worker-/.test(w.url()));
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles(path);
  const worker = await ingestWorker;
  const progress = page.getByRole('progressbar', { name: /Reading large-/ });
  // Wait until some of the file has been read, but not all of it.
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  const fractionAtCancel = Number(await progress.getAttribute('value'));
  expect(fractionAtCancel).toBeLessThan(1);

  const closed = worker.waitForEvent('close');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await closed;
  await expect(page.getByTestId('cancelled')).toHaveText('Import cancelled.');
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('customers')).toHaveCount(0);

  // A fresh worker takes the next file.
  await page.getByTestId('file-input').setInputFiles({
    name: 'after-cancel.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,date,amount\na,2024-01-01,5\nb,2024-01-02,7\n'),
  });
  await expect(page.getByTestId('customers')).toHaveText('2');
});
