import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { shiftDrag } from '../../scripts/shift-drag.mjs';

const SAMPLE = readFileSync('public/samples/online-retail-2011-jan-feb.csv');

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await file;
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

test('a session file round-trips into a fresh browser context: every setting, the range selection and the customers export identical', async ({ page, browser }) => {
  // Two pages analysing the 3.8 MB sample: over a minute when the shared machine is busy.
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'retail.csv', mimeType: 'text/csv', buffer: SAMPLE });
  await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('bins').selectOption('4');
  await page.getByTestId('monetary-basis').selectOption('averageOrderValue');
  await page.getByTestId('colour-by').selectOption('segment');
  await expect(page.getByTestId('score-bins-r').locator('tbody tr[data-score]')).toHaveCount(4);
  // A range selection is a setting, so the file carries it.
  await shiftDrag(page, (await page.getByTestId('scatter-area').boundingBox())!, [0.1, 0.2, 0.6, 0.8]);
  const selected = await page.getByTestId('selection-count').innerText();
  expect(selected).toMatch(/^[1-9][\d,]* customers selected$/);
  const before = (await download(page, 'Export customers (CSV)')).bytes;
  const file = await download(page, 'Save analysis as a file…');
  expect(file.name).toBe('retail.segment-session');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.setViewportSize({ width: 1366, height: 768 });
  await other.goto('./');
  await other.getByTestId('open-session-file').setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
  await expect(other.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('bins')).toHaveValue('4');
  await expect(other.getByTestId('monetary-basis')).toHaveValue('averageOrderValue');
  await expect(other.getByTestId('colour-by')).toHaveValue('segment');
  await expect(other.getByTestId('selection-count')).toHaveText(selected, { timeout: 20_000 });
  expect((await download(other, 'Export customers (CSV)')).bytes.equals(before)).toBe(true);
  // Opened, it is a saved session of that browser too.
  await expect.poll(() => other.evaluate(() => performance.getEntriesByName('segment:session-save').length), { timeout: 20_000 }).toBeGreaterThan(0);
  await other.goto('./');
  await expect(other.getByTestId('sessions').locator('tr[data-session="retail.csv"]')).toBeVisible();
  await fresh.close();
});

test('a file that is not a session, or a damaged session file, is refused with a message and nothing changes', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('open-session-file').setInputFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await expect(page.getByTestId('session-file-problems')).toContainText('"sales.csv" is not a Segment Studio session file');
  const header = Buffer.from('SEGMENT-STUDIO-SESSION 1\n');
  const lengths = Buffer.alloc(12);
  lengths.writeUInt32LE(5000, 0);
  await page.getByTestId('open-session-file').setInputFiles({ name: 'cut.segment-session', mimeType: 'application/octet-stream', buffer: Buffer.concat([header, lengths, Buffer.from('{"settings":')]) });
  await expect(page.getByTestId('session-file-problems')).toContainText('"cut.segment-session" is damaged or cut short');
  const hostile = Buffer.from('{"__proto__":{"x":1}}');
  const l2 = Buffer.alloc(12);
  l2.writeUInt32LE(hostile.length, 0);
  const pad = Buffer.alloc((8 - ((header.length + 12 + hostile.length) % 8)) % 8);
  await page.getByTestId('open-session-file').setInputFiles({ name: 'evil.segment-session', mimeType: 'application/octet-stream', buffer: Buffer.concat([header, l2, hostile, pad]) });
  await expect(page.getByTestId('session-file-problems')).toContainText('key "__proto__", which is not allowed');
  await expect(page.getByTestId('rf-grid')).toHaveCount(0);
  await expect(page.getByTestId('no-sessions')).toBeVisible();
});
