import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { analyse, exportCustomers, savedAfter, sessionRow } from './session-steps.ts';

const SAMPLE = readFileSync('public/samples/online-retail-2011-jan-feb.csv');
const SHOP = readFileSync('test/fixtures/small-shop.csv');

const row = sessionRow;

test('analyse a file, change settings, reload and reopen it from the list: the customers export is byte-identical', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('no-sessions')).toBeVisible();
  await analyse(page, 'retail.csv', SAMPLE);
  await savedAfter(page, async () => {
    await page.getByTestId('bins').selectOption('4');
    await page.getByTestId('band-method').selectOption('quantile');
    await expect(page.getByTestId('score-bins-r').locator('tbody tr[data-score]')).toHaveCount(4);
  });
  const before = await exportCustomers(page);

  // A fresh page at the bare address: nothing from a link, only what was saved.
  await page.goto('./');
  await expect(row(page, 'retail.csv')).toBeVisible();
  await expect(row(page, 'retail.csv')).toContainText('retail.csv');
  await row(page, 'retail.csv').getByTestId('reopen').click();
  await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('bins')).toHaveValue('4');
  await expect(page.getByTestId('band-method')).toHaveValue('quantile');
  expect((await exportCustomers(page)).equals(before)).toBe(true);
});

test('saved sessions can be renamed, duplicated and deleted', async ({ page }) => {
  await page.goto('./');
  await analyse(page, 'shop.csv', SHOP);
  await page.goto('./');
  await row(page, 'shop.csv').getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name of shop.csv').fill('Spring campaign');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(row(page, 'Spring campaign')).toBeVisible();
  await expect(row(page, 'shop.csv')).toHaveCount(0);

  await row(page, 'Spring campaign').getByRole('button', { name: 'Duplicate' }).click();
  await expect(row(page, 'Spring campaign (copy)')).toBeVisible();
  await expect(row(page, 'Spring campaign (copy)')).toContainText('shop.csv');

  await row(page, 'Spring campaign').getByRole('button', { name: 'Delete Spring campaign' }).click();
  await expect(row(page, 'Spring campaign')).toHaveCount(0);
  // The copy holds its own data: it opens after the original is gone, and the names survive a reload.
  await page.reload();
  await expect(row(page, 'Spring campaign (copy)')).toBeVisible();
  await row(page, 'Spring campaign (copy)').getByTestId('reopen').click();
  await expect(page.getByTestId('customers')).toHaveText('4');
});

/** Makes the next IndexedDB writes fail the way `mode` says, until cleared (window.__saveFault). */
async function installSaveFault(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const fault = (window as unknown as { __saveFault?: string }).__saveFault;
      if (fault === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      const request = put.apply(this, args);
      // Interrupted mid-transaction: the write is queued, then the transaction is aborted.
      if (fault === 'abort') this.transaction.abort();
      return request;
    };
  });
}

for (const fault of ['abort', 'quota'] as const) {
  test(`fault: a save that ${fault === 'abort' ? 'is interrupted mid-transaction' : 'meets a full quota'} says so and leaves the version saved before intact`, async ({ page }) => {
    await installSaveFault(page);
    await page.goto('./');
    await analyse(page, 'shop.csv', SHOP);
    const before = await exportCustomers(page);
    await page.evaluate((f) => ((window as unknown as { __saveFault?: string }).__saveFault = f), fault);
    await page.getByTestId('bins').selectOption('4');
    const message = page.getByTestId('sessions-message');
    await expect(message).toContainText(fault === 'quota' ? 'no room left to save this session. Delete sessions you no longer need' : 'could not be saved');
    await expect(message).toContainText(fault === 'quota' ? 'Nothing saved before was lost' : 'What was saved before is intact');

    await page.goto('./');
    await row(page, 'shop.csv').getByTestId('reopen').click();
    await expect(page.getByTestId('rf-grid')).toBeVisible();
    await expect(page.getByTestId('bins')).toHaveValue('5');
    expect((await exportCustomers(page)).equals(before)).toBe(true);
  });
}

test('fault: a corrupted session record is reported and skipped; the other sessions still open', async ({ page }) => {
  await page.goto('./');
  await analyse(page, 'shop.csv', SHOP);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('segment-studio');
        open.onsuccess = () => {
          const tx = open.result.transaction('sessions', 'readwrite');
          tx.objectStore('sessions').put({ id: 'broken-1', name: 'Broken <b>one</b>', fileName: 'x.csv', customers: 'many', settings: { version: 1, __proto__: null } });
          tx.objectStore('sessions').put({ id: 'broken-2', name: 'Odd settings', fileName: 'y.csv', customers: 3, created: 1, updated: 1, lastOpened: 1, bytes: 1, settings: { version: 1, segment: 'x' } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await page.goto('./');
  const damaged = page.getByTestId('session-damaged');
  await expect(damaged).toHaveCount(2);
  await expect(damaged.filter({ hasText: 'The saved session "Broken <b>one</b>" is damaged and was skipped' })).toHaveCount(1);
  await expect(damaged.filter({ hasText: '"Odd settings" is damaged and was skipped (segment must be an object' })).toHaveCount(1);
  await row(page, 'shop.csv').getByTestId('reopen').click();
  await expect(page.getByTestId('customers')).toHaveText('4');
});

test('two tabs saving at once keep each other\'s sessions whole', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto('./'), b.goto('./')]);
  await Promise.all([analyse(a, 'retail.csv', SAMPLE), analyse(b, 'shop.csv', SHOP)]);
  await Promise.all([savedAfter(a, async () => void (await a.getByTestId('bins').selectOption('4'))), savedAfter(b, async () => void (await b.getByTestId('bins').selectOption('3')))]);
  const page = await context.newPage();
  await page.goto('./');
  await row(page, 'shop.csv').getByTestId('reopen').click();
  await expect(page.getByTestId('customers')).toHaveText('4');
  await expect(page.getByTestId('bins')).toHaveValue('3');
  await page.goto('./');
  await row(page, 'retail.csv').getByTestId('reopen').click();
  await expect(page.getByTestId('rf-grid')).toBeVisible();
  await expect(page.getByTestId('bins')).toHaveValue('4');
});
