import { expect, test, type Page } from '@playwright/test';
import { TAB_SHARE_OF_DEVICE, importMemoryNeed } from '../../src/core/ingest/import-memory.ts';

async function upload(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
});

const CASES: Array<{ name: string; content: string | Buffer; code: string; says: RegExp }> = [
  { name: 'empty.csv', content: '', code: 'empty-file', says: /empty/ },
  { name: 'bad-dates.csv', content: 'customer,date,amount\na,Dec 31st,5\nb,soon,6\n', code: 'no-valid-rows', says: /date not readable.*row 2, column "date"/ },
  { name: 'binary.csv', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), code: 'binary-file', says: /not a text file/ },
  // Said at once, not as a mapping step that cannot be completed.
  { name: 'one-column.csv', content: 'Customer Name\nAda\nGrace\n', code: 'one-column', says: /has one column \("Customer Name"\).*a customer id, a date and an amount/ },
  // A 2 MB line: named by its first characters only (laying out the whole line stalled the page for seconds).
  { name: 'long-line.csv', content: 'x'.repeat(2_000_000), code: 'one-column', says: /has one column \("x{79}…"\)/ },
  // A million columns: said at once, not a mapping step of a million rows.
  { name: 'wide.csv', content: 'a,'.repeat(1_000_000), code: 'too-many-columns', says: /columns when split at ",", more than the 10,000/ },
];

for (const c of CASES) {
  test(`${c.name}: a clear message, and the data loaded before stays`, async ({ page }) => {
    const customersBefore = await page.getByTestId('customers').innerText();
    await upload(page, c.name, c.content);
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', c.code);
    await expect(alert).toContainText(c.says);
    await expect(page.getByTestId('customers')).toHaveText(customersBefore);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Still usable: a good file loads.
    await upload(page, 'good.csv', 'customer,date,amount\na,2024-01-01,5\n');
    await expect(page.getByTestId('customers')).toHaveText('1');
  });
}

test('a file whose columns cannot be guessed opens the mapping step; cancelling it keeps the earlier data', async ({ page }) => {
  const customersBefore = await page.getByTestId('customers').innerText();
  await upload(page, 'no-customer.csv', 'when,how much\n2024-01-01,5\n');
  const mapper = page.getByTestId('column-mapper');
  await expect(mapper).toContainText('Which column is which?');
  await expect(mapper).toContainText('Choose the customer id column.');
  await expect(mapper.getByRole('button', { name: 'Read the file' })).toBeDisabled();
  await mapper.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Which column is which?')).toHaveCount(0);
  await expect(page.getByTestId('customers')).toHaveText(customersBefore);
  // The column settings are the sample's again, not the abandoned file's.
  await expect(page.getByTestId('read-settings').locator('summary')).toContainText('online-retail-2011-jan-feb.csv');
});

test('a NUL byte in one field is named by row and column, and the rest of the file is read', async ({ page }) => {
  await upload(page, 'nul.csv', Buffer.from('customer,date,note,amount\na,2024-01-01,ok,5\nb,2024-01-02,bro\u0000ken,6\nc,2024-01-03,ok,7\n'));
  await expect(page.getByTestId('customers')).toHaveText('3');
  await page.getByText('How the file was read').click();
  await expect(page.getByText('Row 3, column "note": a NUL byte')).toBeVisible();
});

test('user text from the file is shown as text, never run as HTML', async ({ page }) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  await upload(page, 'evil.csv', `customer,date,amount\n"${evil.replace(/"/g, '""')}",2024-01-01,5\n`);
  await expect(page.getByTestId('customers')).toHaveText('1');
  await page.getByText('How the file was read').click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('a file too large for the memory this device reports is refused before reading, saying why and what to do; the data loaded before stays', async ({ page }) => {
  // A simulated small device: the app reads navigator.deviceMemory when a file is chosen. The
  // value is set so that a 4 MB file exceeds what a tab can count on and a 40-byte one does not.
  const big = `customer,date,amount\n${'c1,2024-01-01,5.00\n'.repeat(220_000)}`;
  const gib = (importMemoryNeed(Buffer.byteLength(big)) + importMemoryNeed(40)) / 2 / TAB_SHARE_OF_DEVICE / 1024 ** 3;
  await page.evaluate((value) => Object.defineProperty(Navigator.prototype, 'deviceMemory', { configurable: true, get: () => value }), gib);
  const customersBefore = await page.getByTestId('customers').innerText();
  await upload(page, 'big.csv', big);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-code', 'too-large-for-memory');
  await expect(alert).toContainText(`"big.csv" is ${Math.round(Buffer.byteLength(big) / 1e6)} MB`);
  await expect(alert).toContainText(/takes about \d+ MB of memory/);
  await expect(alert).toContainText(/split the file by date.*export only the columns.*machine with more memory/);
  // Not read: no mapping step, and the workspace still shows the sample.
  await expect(page.getByTestId('customers')).toHaveText(customersBefore);
  await expect(page.getByText('Which column is which?')).toHaveCount(0);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  // A small file still loads on the same device.
  await upload(page, 'good.csv', 'customer,date,amount\na,2024-01-01,5\n');
  await expect(page.getByTestId('customers')).toHaveText('1');
});
