import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** The customers CSV the app exports, as bytes. */
export async function exportCustomers(page: Page): Promise<Buffer> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  return readFileSync(await (await file).path());
}

const measures = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

/** How many times the app has saved the session so far. */
export const saves = (page: Page) => measures(page, 'segment:session-save');

/** Runs `change` and waits until the app has saved the session after it. */
export async function savedAfter(page: Page, change: () => Promise<void>): Promise<void> {
  const before = await measures(page, 'segment:session-save');
  await change();
  await expect.poll(() => measures(page, 'segment:session-save'), { timeout: 20_000 }).toBeGreaterThan(before);
}

/** Drops a file, waits for the analysis and for the session's save after it. */
export async function analyse(page: Page, name: string, buffer: Buffer): Promise<void> {
  await savedAfter(page, async () => {
    await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  });
}

/** Waits until the transactions of the file just read are saved with its session (`count` saves so far). */
export async function linesSaved(page: Page, count = 1): Promise<void> {
  await expect.poll(() => measures(page, 'segment:session-lines-save'), { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
}

/** Waits until a reopened session's saved transactions are loaded (a cleaning change then needs no file). */
export async function linesLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('segment:session-lines-ready').length), { timeout: 30_000 }).toBeGreaterThan(0);
}

/** A saved session's row on the start page. */
export const sessionRow = (page: Page, name: string) => page.getByTestId('sessions').locator(`tr[data-session="${name}"]`);

/** Leaves out returns and keeps duplicates (both differ from the defaults), then reads again. */
export async function changeCleaning(page: Page): Promise<void> {
  const settings = page.getByTestId('read-settings');
  await settings.locator('summary').click();
  await settings.locator('select[data-rule="returns"]').selectOption('exclude');
  await settings.locator('select[data-rule="duplicates"]').selectOption('keep');
  await settings.getByRole('button', { name: 'Apply and read again' }).click();
  const cleaning = page.getByTestId('cleaning');
  await expect(cleaning.locator('tr[data-rule="returns"]')).toContainText('left out', { timeout: 30_000 });
  await expect(cleaning.locator('tr[data-rule="duplicates"]')).toContainText('kept');
}

/** Measures recency to `day` (YYYY-MM-DD) and waits for the model to say so. */
export async function changeAnalysisDay(page: Page, day: string): Promise<void> {
  await page.getByTestId('analysis-day').fill(day);
  await expect(page.getByTestId('analysis-day')).toHaveValue(day);
  await expect(page.getByTestId('model-status')).toContainText(`recency to ${day}`, { timeout: 30_000 });
}

/** Clicks a button that downloads a file; answers its name and bytes. */
export async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await file;
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}
