import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';

const SAMPLE_PATH = 'public/samples/online-retail-2011-jan-feb.csv';

async function exportCustomers(page: Page): Promise<Buffer> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  return readFileSync(await (await file).path());
}

async function dropFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** The address's hash once it has stopped changing (it follows the settings after a short delay). */
async function settledHash(page: Page): Promise<string> {
  let last = '';
  await expect
    .poll(async () => {
      const now = await page.evaluate(() => location.hash);
      const same = now === last && now.startsWith('#s1.');
      last = now;
      return same;
    }, { intervals: [400], timeout: 20_000 })
    .toBe(true);
  return last;
}

/** A link as the app writes it, with any settings text (hostile ones included). */
const linkOf = (json: string) => `#s1.${deflateSync(Buffer.from(json)).toString('base64url')}`;

test('a share link opened in a fresh browser context restores every setting; the same file gives an identical export, a different file a warning', async ({ page, browser }) => {
  const sample = readFileSync(SAMPLE_PATH);
  await page.goto('./');
  await dropFile(page, 'retail.csv', sample);
  await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('bins').selectOption('4');
  await page.getByTestId('monetary-basis').selectOption('averageOrderValue');
  await page.getByTestId('band-method').selectOption('quantile');
  await page.getByTestId('x-axis').selectOption('frequency');
  await page.getByTestId('colour-by').selectOption('segment');
  await expect(page.getByTestId('score-bins-r').locator('tbody tr[data-score]')).toHaveCount(4);
  const hash = await settledHash(page);
  const before = await exportCustomers(page);
  const link = page.url();
  expect(link.endsWith(hash)).toBe(true);
  // The link carries settings, never the data: it is small and holds no customer id.
  expect(hash.length).toBeLessThan(3000);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('link-awaiting-file')).toContainText('"retail.csv"');
  await dropFile(other, 'retail.csv', sample);
  await expect(other.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('bins')).toHaveValue('4');
  await expect(other.getByTestId('monetary-basis')).toHaveValue('averageOrderValue');
  await expect(other.getByTestId('band-method')).toHaveValue('quantile');
  await expect(other.getByTestId('x-axis')).toHaveValue('frequency');
  await expect(other.getByTestId('colour-by')).toHaveValue('segment');
  await expect(other.getByTestId('score-bins-r').locator('tbody tr[data-score]')).toHaveCount(4);
  await expect(other.getByTestId('file-differs')).toHaveCount(0);
  expect((await exportCustomers(other)).equals(before)).toBe(true);
  await fresh.close();

  // The same columns but fewer rows: the settings apply and the warning says the file differs.
  const third = await browser.newContext();
  const page3 = await third.newPage();
  await page3.goto(link);
  const lines = sample.toString('utf8').split('\n');
  await dropFile(page3, 'retail.csv', Buffer.from(lines.slice(0, lines.length - 500).join('\n')));
  await expect(page3.getByTestId('file-differs')).toContainText('This file differs from the one the settings were made with ("retail.csv")');
  await expect(page3.getByTestId('file-differs')).toContainText('rows instead of');
  await expect(page3.getByTestId('bins')).toHaveValue('4');
  await third.close();
});

test('hostile share links: malformed, oversized, unknown-version and __proto__ links each get a message, nothing is applied, the app stays usable', async ({ page }) => {
  const valid = JSON.parse(readFileSync('test/fixtures/share/settings-v1.json', 'utf8')) as Record<string, unknown>;
  const cases: Array<[string, RegExp]> = [
    ['#s1.not$base64', /characters a link never has/],
    ['#s1.AAAAAAAAAAAA', /do not unpack/],
    [`#s1.${'A'.repeat(40_000)}`, /40,003 characters long/],
    ['#s7.abc', /format 7, which this version of Segment Studio does not read/],
    [linkOf(JSON.stringify({ ...valid, version: 99 })), /version 99, made by a newer Segment Studio/],
    [linkOf(JSON.stringify(valid).replace('"segment":', '"__proto__":{"polluted":true},"segment":')), /key "__proto__", which is not allowed/],
    [linkOf(JSON.stringify(valid).replace('"bins":4', '"bins":"<img src=x onerror=alert(1)>"')), /segment\.rfm\.bins must be a number, got "<img src=x onerror=alert\(1\)>"/],
  ];
  for (const [hash, message] of cases) {
    await page.goto(`./${hash}`);
    await expect(page.getByTestId('link-problems')).toContainText(message);
    await expect(page.getByTestId('link-problems')).toContainText('were not applied');
    await expect(page.getByTestId('link-awaiting-file')).toHaveCount(0);
    // User text is shown as text: no element was made from it.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
  }
  // The app works with its defaults after a refused link.
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('bins')).toHaveValue('5');

  // The valid settings themselves apply (the cases above differ from them only by the hostile part):
  // a link pasted into the address of a page with data applies to that data at once.
  await page.goto(`./${linkOf(JSON.stringify(valid))}`);
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await expect(page.getByTestId('bins')).toHaveValue('4');
});
