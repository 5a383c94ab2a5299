import Papa from 'papaparse';
import { expect, test } from '@playwright/test';
import { readNumber } from './reference.ts';

// A messy export where the guess is wrong: "Client" is the sales rep, "Account" the customer.
// It also has an exact duplicate line, a C-prefixed cancellation, a quoted amount with a
// thousands separator, a missing account and a text amount.
const MESSY = [
  'Order,Client,Account,Date,Amount',
  '1001,Anna,A-1,2024-01-03,120.00',
  '1001,Anna,A-1,2024-01-03,120.00',
  '1002,Anna,A-2,2024-01-05,80.00',
  'C1003,Ben,A-2,2024-01-06,-20.00',
  '1004,Ben,A-3,2024-01-07,"1,050.50"',
  '1005,Ben,,2024-01-08,30.00',
  '1006,Cara,A-3,2024-01-09,n/a',
  '1007,Cara,A-4,2024-01-10,15.00',
].join('\n');

/**
 * The expected figures with "Account" as the customer, computed plainly from the text. The file
 * has no product column, so identical rows are kept unless `dropIdentical`.
 */
function expected(customerColumn: string, dropIdentical = false) {
  const rows = Papa.parse<Record<string, string>>(MESSY, { header: true }).data;
  const seen = new Set<string>();
  const revenue = new Map<string, number>();
  const buyers = new Set<string>();
  let duplicates = 0;
  let returns = 0;
  let unreadable = 0;
  let missing = 0;
  for (const r of rows) {
    const amount = Number(r.Amount.replace(/,/g, ''));
    if (!r[customerColumn]) {
      missing++;
      continue;
    }
    if (Number.isNaN(amount)) {
      unreadable++;
      continue;
    }
    const key = JSON.stringify(r);
    if (seen.has(key)) {
      duplicates++;
      if (dropIdentical) continue;
    }
    seen.add(key);
    if (amount < 0 || r.Order.startsWith('C')) returns++;
    revenue.set(r[customerColumn], (revenue.get(r[customerColumn]) ?? 0) + amount);
    if (amount > 0) buyers.add(r[customerColumn]);
  }
  let total = 0;
  for (const id of buyers) total += revenue.get(id)!;
  return { customers: buyers.size, revenue: total, duplicates, returns, unreadable, missing };
}

test('correcting a guessed column re-reads the file; the cleaning report matches an independent count', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'messy-export.csv', mimeType: 'text/csv', buffer: Buffer.from(MESSY) });
  // The guess reads "Client" as the customer: three customers.
  await expect(page.getByTestId('customers')).toHaveText(String(expected('Client').customers));

  const settings = page.getByTestId('read-settings');
  // The closed panel's contents are made when it is first opened, not with the workspace.
  await expect(settings.getByTestId('column-mapper')).toHaveCount(0);
  await settings.locator('summary').click();
  await expect(settings.getByTestId('column-mapper')).toBeVisible();
  // The mapper's table scrolls inside the panel: the panel stays within the settings column.
  const panel = (await settings.boundingBox())!;
  const column = (await page.getByRole('complementary', { name: 'Settings' }).boundingBox())!;
  expect(panel.x + panel.width).toBeLessThanOrEqual(column.x + column.width + 1);
  expect(await settings.evaluate((el) => el.parentElement!.scrollWidth <= el.parentElement!.clientWidth + 1)).toBe(true);
  await settings.getByLabel('Role of column Account').selectOption('customer');
  // Taking the role for "Account" takes it away from "Client".
  await expect(settings.getByLabel('Role of column Client')).toHaveValue('');
  await settings.getByRole('button', { name: 'Read again with these columns' }).click();

  const want = expected('Account');
  await expect(page.getByTestId('customers')).toHaveText(String(want.customers));
  expect(readNumber(await page.getByTestId('revenue').innerText())).toBeCloseTo(want.revenue, 2);
  await page.getByText('How the file was read').click();
  await expect(page.getByTestId('rows-skipped')).toHaveText(String(want.unreadable));
  await expect(page.getByTestId('rows-missing')).toHaveText(String(want.missing));
  const cleaning = page.getByTestId('cleaning');
  await expect(cleaning.locator('tr[data-rule="duplicates"] [data-testid="cleaning-rows"]')).toHaveText(String(want.duplicates));
  await expect(cleaning.locator('tr[data-rule="returns"] [data-testid="cleaning-rows"]')).toHaveText(String(want.returns));

  // The choice is remembered for the next file with the same columns.
  await page.reload();
  await page.getByTestId('file-input').setInputFiles({ name: 'messy-export-2.csv', mimeType: 'text/csv', buffer: Buffer.from(MESSY) });
  await expect(page.getByTestId('customers')).toHaveText(String(want.customers));
});

test('leaving out returns under the cleaning rules changes revenue by exactly the returns', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({
    name: 'returns.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order,customer,date,amount\n1,a,2024-01-01,100\n2,a,2024-01-02,-30\n3,b,2024-01-03,50\n'),
  });
  await expect(page.getByTestId('revenue')).toHaveText('120.00');
  const settings = page.getByTestId('read-settings');
  await settings.locator('summary').click();
  await settings.locator('select[data-rule="returns"]').selectOption('exclude');
  await settings.getByRole('button', { name: 'Apply and read again' }).click();
  await expect(page.getByTestId('revenue')).toHaveText('150.00');
});

test('dates that could be day/month or month/day are asked about, and the answer is applied', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({
    name: 'ambiguous.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,date,amount\na,01/02/2024,5\nb,03/04/2024,7\n'),
  });
  const question = page.getByTestId('date-question');
  await expect(question).toContainText('Day/month: 2024-02-01 to 2024-04-03');
  await expect(question).toContainText('Month/day: 2024-01-02 to 2024-03-04');
  await question.getByRole('button', { name: /^Month\/day/ }).click();
  await expect(page.getByTestId('date-range')).toHaveText('2024-01-02 to 2024-03-04');
  await expect(page.getByTestId('date-question')).toHaveCount(0);
});

test('customer ids written NA or null count as missing, not as a customer; the markers can be changed', async ({ page }) => {
  await page.goto('./');
  const csv = ['customer,date,amount', 'a,2024-01-01,10', 'NA,2024-01-02,20', 'NA,2024-01-03,30', 'null,2024-01-03,5', 'b,2024-01-04,abc', 'b,2024-01-05,7'].join('\n');
  await page.getByTestId('file-input').setInputFiles({ name: 'with-na.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('customers')).toHaveText('2');
  await page.getByText('How the file was read').click();
  await expect(page.getByTestId('rows-missing')).toHaveText('3');
  await expect(page.getByTestId('rows-skipped')).toHaveText('1');
  await expect(page.getByTestId('skipped').locator('tr[data-reason="missing-customer"]')).toContainText('row 3, “customer”: “NA”');

  // An analyst whose file has a real customer "NA" takes it off the list and reads again.
  const settings = page.getByTestId('read-settings');
  await settings.locator('summary').click();
  await expect(settings.getByTestId('missing-markers')).toHaveValue('NA N/A #N/A null NULL None NaN -');
  await settings.getByTestId('missing-markers').fill('null');
  await settings.getByRole('button', { name: 'Read again with these markers' }).click();
  await expect(page.getByTestId('customers')).toHaveText('3');
  await expect(page.getByTestId('rows-missing')).toHaveText('1');
});

test('identical rows in a file without a product column are kept and reported; one click drops them', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'messy-export.csv', mimeType: 'text/csv', buffer: Buffer.from(MESSY) });
  const kept = expected('Client');
  await expect(page.getByTestId('customers')).toHaveText(String(kept.customers));
  expect(readNumber(await page.getByTestId('revenue').innerText())).toBeCloseTo(kept.revenue, 2);
  const notice = page.getByTestId('duplicates-kept');
  await expect(notice).toContainText(`${kept.duplicates} identical row kept: the file has no product column to tell them apart`);

  await notice.getByRole('button', { name: 'Drop them' }).click();
  const dropped = expected('Client', true);
  await expect.poll(async () => readNumber(await page.getByTestId('revenue').innerText())).toBeCloseTo(dropped.revenue, 2);
  expect(dropped.revenue).toBeLessThan(kept.revenue);
  await expect(page.getByTestId('duplicates-kept')).toHaveCount(0);
  await page.getByText('How the file was read').click();
  const cleaning = page.getByTestId('cleaning');
  await expect(cleaning.locator('tr[data-rule="duplicates"]')).toContainText('dropped');
});

test('the mapping step lists the missing-value markers, and the file is read with the ones chosen there', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'who-when.csv', mimeType: 'text/csv', buffer: Buffer.from('who,when,how much\nNA,2024-01-01,5\nx,2024-01-02,6\n') });
  const mapper = page.getByTestId('column-mapper');
  await expect(mapper).toContainText('Which column is which?');
  const markers = page.getByTestId('mapping-markers');
  await expect(markers.getByTestId('missing-markers')).toHaveValue('NA N/A #N/A null NULL None NaN -');
  await markers.getByTestId('missing-markers').fill('null');
  await markers.getByRole('button', { name: 'Use these markers' }).click();
  await mapper.getByLabel('Role of column who').selectOption('customer');
  await mapper.getByLabel('Role of column when').selectOption('date');
  await mapper.getByLabel('Role of column how much').selectOption('amount');
  await mapper.getByRole('button', { name: 'Read the file' }).click();
  // "NA" is not a marker for this file: it is a customer.
  await expect(page.getByTestId('customers')).toHaveText('2');
});
