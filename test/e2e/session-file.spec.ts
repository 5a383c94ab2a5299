import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { shiftDrag } from '../../scripts/shift-drag.mjs';
import { analyse, changeAnalysisDay, changeCleaning, download, exportCustomers, linesLoaded, linesSaved, sessionRow } from './session-steps.ts';

const SAMPLE = readFileSync('public/samples/online-retail-2011-jan-feb.csv');
const SMALL_SHOP = readFileSync('test/fixtures/small-shop.csv');
/** Saved with "Save analysis as a file…" by the app before session files held Arrow IPC (format 1). */
const V1_FIXTURE = readFileSync('test/fixtures/share/small-shop-v1.segment-session');
const OPEN = 'open-session-file';
const sessionFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });

test('a session file round-trips into a fresh browser context with its transactions: every setting, the range selection and the export identical, and a cleaning change and another analysis date there without the file give what the file gives', async ({ page, browser }) => {
  // Two pages analysing the 3.8 MB sample and cleaning it twice each, on a shared machine.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await analyse(page, 'retail.csv', SAMPLE);
  await page.getByTestId('bins').selectOption('4');
  await page.getByTestId('monetary-basis').selectOption('averageOrderValue');
  await page.getByTestId('colour-by').selectOption('segment');
  await expect(page.getByTestId('score-bins-r').locator('tbody tr[data-score]')).toHaveCount(4);
  // A range selection is a setting, so the file carries it.
  await shiftDrag(page, (await page.getByTestId('scatter-area').boundingBox())!, [0.1, 0.2, 0.6, 0.8]);
  const selected = await page.getByTestId('selection-count').innerText();
  expect(selected).toMatch(/^[1-9][\d,]* customers selected$/);
  const before = await exportCustomers(page);
  const file = await download(page, 'Save analysis as a file…');
  expect(file.name).toBe('retail.segment-session');
  expect(file.bytes.subarray(0, 25).toString()).toBe('SEGMENT-STUDIO-SESSION 2\n');
  const linesBytes = file.bytes.readDoubleLE(25 + 16);
  expect(linesBytes).toBeGreaterThan(100_000);

  // Fault: a cut file, and one whose transactions are damaged, are refused; the analysis stays.
  await page.getByTestId(OPEN).setInputFiles(sessionFile('cut.segment-session', file.bytes.subarray(0, file.bytes.length - 1000)));
  await expect(page.getByTestId('session-file-problems')).toContainText('"cut.segment-session" is damaged or cut short');
  const damaged = Buffer.from(file.bytes);
  damaged.fill(0xff, damaged.length - linesBytes, damaged.length - linesBytes + 64);
  await page.getByTestId(OPEN).setInputFiles(sessionFile('damaged.segment-session', damaged));
  await expect(page.getByTestId('session-file-problems')).toContainText('"damaged.segment-session" is damaged: its transactions cannot be read');
  await expect(page.getByTestId('bins')).toHaveValue('4');
  await expect(page.getByTestId('selection-count')).toHaveText(selected);
  expect((await exportCustomers(page)).equals(before)).toBe(true);

  // The file itself with another cleaning and analysis date: what the session file must give.
  await changeCleaning(page);
  await changeAnalysisDay(page, '2011-02-10');
  const fromFile = await exportCustomers(page);
  expect(fromFile.equals(before)).toBe(false);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.setViewportSize({ width: 1366, height: 768 });
  await other.goto('./');
  await other.getByTestId(OPEN).setInputFiles(sessionFile(file.name, file.bytes));
  await expect(other.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('bins')).toHaveValue('4');
  await expect(other.getByTestId('monetary-basis')).toHaveValue('averageOrderValue');
  await expect(other.getByTestId('colour-by')).toHaveValue('segment');
  await expect(other.getByTestId('selection-count')).toHaveText(selected, { timeout: 20_000 });
  expect((await exportCustomers(other)).equals(before)).toBe(true);
  // Opened, it is a saved session of that browser too, with its transactions.
  await linesSaved(other);
  await linesLoaded(other);
  await changeCleaning(other);
  await changeAnalysisDay(other, '2011-02-10');
  expect((await exportCustomers(other)).equals(fromFile)).toBe(true);
  await other.goto('./');
  await sessionRow(other, 'retail.csv').getByTestId('reopen').click();
  await expect(other.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await linesLoaded(other);
  await fresh.close();
});

test('a session file of the first format (JSON and typed arrays, no transactions) still opens: the export equals a fresh analysis of its file', async ({ page, browser }) => {
  await page.goto('./');
  await page.getByTestId(OPEN).setInputFiles(sessionFile('small-shop.segment-session', V1_FIXTURE));
  await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('bins')).toHaveValue('4');
  await expect(page.getByTestId('monetary-basis')).toHaveValue('averageOrderValue');
  const opened = await exportCustomers(page);

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('./');
  await analyse(fresh, 'small-shop.csv', SMALL_SHOP);
  await fresh.getByTestId('bins').selectOption('4');
  await fresh.getByTestId('monetary-basis').selectOption('averageOrderValue');
  await expect(fresh.getByTestId('score-bins-r').locator('tbody tr[data-score]')).toHaveCount(4);
  expect((await exportCustomers(fresh)).equals(opened)).toBe(true);
  await context.close();
});

test('a file that is not a session, or a damaged session file, is refused with a message and nothing changes', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId(OPEN).setInputFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await expect(page.getByTestId('session-file-problems')).toContainText('"sales.csv" is not a Segment Studio session file');
  const header = Buffer.from('SEGMENT-STUDIO-SESSION 1\n');
  const lengths = Buffer.alloc(12);
  lengths.writeUInt32LE(5000, 0);
  await page.getByTestId(OPEN).setInputFiles(sessionFile('cut.segment-session', Buffer.concat([header, lengths, Buffer.from('{"settings":')])));
  await expect(page.getByTestId('session-file-problems')).toContainText('"cut.segment-session" is damaged or cut short');
  const hostile = Buffer.from('{"__proto__":{"x":1}}');
  const l2 = Buffer.alloc(24);
  l2.writeDoubleLE(hostile.length, 0);
  await page.getByTestId(OPEN).setInputFiles(sessionFile('evil.segment-session', Buffer.concat([Buffer.from('SEGMENT-STUDIO-SESSION 2\n'), l2, hostile])));
  await expect(page.getByTestId('session-file-problems')).toContainText('key "__proto__", which is not allowed');
  await expect(page.getByTestId('rf-grid')).toHaveCount(0);
  await expect(page.getByTestId('no-sessions')).toBeVisible();
});

test('"Save analysis as a file…" clicked as soon as a reopened session shows waits for its transactions: the file holds them', async ({ page }) => {
  await page.goto('./');
  await analyse(page, 'retail.csv', SAMPLE);
  await linesSaved(page);
  await page.goto('./');
  // Clicked in the very task that shows the button, before the transactions can have loaded.
  await page.evaluate(() => {
    const w = window as unknown as { readyAtClick?: number };
    new MutationObserver((_, observer) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save analysis as a file…');
      if (!button) return;
      observer.disconnect();
      w.readyAtClick = performance.getEntriesByName('segment:session-lines-ready').length;
      button.click();
    }).observe(document.body, { childList: true, subtree: true });
  });
  const downloading = page.waitForEvent('download');
  await sessionRow(page, 'retail.csv').getByTestId('reopen').click();
  const file = readFileSync(await (await downloading).path());
  expect(await page.evaluate(() => (window as unknown as { readyAtClick?: number }).readyAtClick)).toBe(0);
  expect(file.subarray(0, 25).toString()).toBe('SEGMENT-STUDIO-SESSION 2\n');
  expect(file.readDoubleLE(25 + 16)).toBeGreaterThan(100_000);
  await expect(page.getByTestId('session-file-status')).toHaveCount(0);
});
