import { readFileSync } from 'node:fs';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { altLasso, shiftDrag } from '../../scripts/shift-drag.mjs';

const SAMPLE = readFileSync('public/samples/online-retail-2011-jan-feb.csv');
const saves = (page: Page) => page.evaluate(() => performance.getEntriesByName('segment:session-save').length);

function linkText(hash: string): string {
  const bytes = Buffer.from(hash.replace(/^#s1\./, ''), 'base64url');
  try {
    return inflateSync(bytes).toString('utf8');
  } catch {
    return inflateRawSync(bytes).toString('utf8');
  }
}

/** The selection in the saved session's settings, as JSON, read from IndexedDB. */
function storedSelection(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('segment-studio');
        open.onsuccess = () => {
          const request = open.result.transaction('sessions').objectStore('sessions').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(JSON.stringify(request.result.map((r: { settings: { view: { selection?: unknown } } }) => r.settings.view.selection ?? null)));
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

async function drop(page: Page): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name: 'retail.csv', mimeType: 'text/csv', buffer: SAMPLE });
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 30_000 });
}

test('a range selection is a setting: it comes back in the reopened session and through a share link; a lasso stays out of the link', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await drop(page);
  const before = await saves(page);
  await shiftDrag(page, (await page.getByTestId('scatter-area').boundingBox())!, [0.1, 0.2, 0.6, 0.8]);
  const count = page.getByTestId('selection-count');
  await expect(count).toContainText('customers selected');
  const selected = await count.innerText();
  expect(Number(selected.replace(/\D/g, ''))).toBeGreaterThan(0);
  await expect.poll(() => saves(page), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => page.evaluate(() => location.hash).then(linkText), { timeout: 20_000 }).toContain('"selection":{"ranges":[');
  // Saves are debounced: wait until the stored session holds the range.
  await expect.poll(() => storedSelection(page), { timeout: 20_000 }).toContain('"ranges"');
  const link = page.url();

  // Reopened from the list, in a page with no link.
  await page.goto('./');
  await page.getByTestId('sessions').locator('tr[data-session="retail.csv"]').getByTestId('reopen').click();
  await expect(page.getByTestId('selection-count')).toHaveText(selected, { timeout: 20_000 });

  // Through the link, in a fresh context, once the file is dropped.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.setViewportSize({ width: 1366, height: 768 });
  await other.goto(link);
  await expect(other.getByTestId('link-awaiting-file')).toBeVisible();
  await drop(other);
  await expect(other.getByTestId('selection-count')).toHaveText(selected, { timeout: 20_000 });
  await fresh.close();

  // A lasso is a list of customers: the link says no selection.
  const box = (await page.getByTestId('scatter-area').boundingBox())!;
  await altLasso(page, box, [[0.05, 0.1], [0.5, 0.1], [0.3, 0.9], [0.05, 0.9]]);
  await expect(page.getByTestId('selection-count')).not.toHaveText(selected);
  await expect.poll(() => page.evaluate(() => location.hash).then(linkText), { timeout: 20_000 }).toContain('"selection":null');
});

async function exportSelected(page: Page): Promise<Buffer> {
  const file = page.waitForEvent('download');
  await page.getByTestId('export-selected').click();
  return readFileSync(await (await file).path());
}

test('a lasso and a group picked in the legend are kept by customer in the saved session and the session file: reopened, the same customers are selected and "Export selected" is identical; the link leaves them out and says so', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await drop(page);
  const box = (await page.getByTestId('scatter-area').boundingBox())!;
  await altLasso(page, box, [[0.05, 0.1], [0.5, 0.1], [0.3, 0.9], [0.05, 0.9]]);
  const count = page.getByTestId('selection-count');
  await expect(count).toHaveText(/^[1-9][\d,]* customers selected$/);
  const lassoed = await count.innerText();
  const lassoExport = await exportSelected(page);
  await expect.poll(() => storedSelection(page), { timeout: 20_000 }).toContain('"source":"lasso"');
  expect(JSON.parse(await storedSelection(page))[0].customers).toHaveLength(Number(lassoed.replace(/\D/g, '')));
  await expect.poll(() => page.evaluate(() => location.hash).then(linkText), { timeout: 20_000 }).toContain('"selection":null');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('copy-status')).toContainText('It leaves out the selection, a list of customers');

  // Reopened from the list: the same customers.
  await page.goto('./');
  await page.getByTestId('sessions').locator('tr[data-session="retail.csv"]').getByTestId('reopen').click();
  await expect(count).toHaveText(lassoed, { timeout: 20_000 });
  expect((await exportSelected(page)).equals(lassoExport)).toBe(true);

  // A group picked in the legend, through a session file into a fresh context.
  await page.getByTestId('scatter-legend').locator('tbody tr').nth(1).getByRole('button', { name: /^Select / }).click();
  await expect(count).not.toHaveText(lassoed);
  const picked = await count.innerText();
  const pickedExport = await exportSelected(page);
  await expect.poll(() => storedSelection(page), { timeout: 20_000 }).toContain('"source":"legend"');
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save analysis as a file…' }).click();
  const file = readFileSync(await (await saving).path());
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.setViewportSize({ width: 1366, height: 768 });
  await other.goto('./');
  await other.getByTestId('open-session-file').setInputFiles({ name: 'retail.segment-session', mimeType: 'application/octet-stream', buffer: file });
  await expect(other.getByTestId('selection-count')).toHaveText(picked, { timeout: 30_000 });
  expect((await exportSelected(other)).equals(pickedExport)).toBe(true);
  await fresh.close();
});
