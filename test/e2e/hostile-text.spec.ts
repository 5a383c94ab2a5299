import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { expect, test, type Page } from '@playwright/test';

// Text from files (ids, categories, channels, column names, attribute names and values) that is
// HTML, script or a spreadsheet formula: shown as the characters it is, and exported so a
// spreadsheet cannot run it.

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const SVG = '<svg onload="window.__pwned=3">';
const BOLD = '<b>bold</b>';
const TRANSACTIONS = [
  ['customer', 'date', 'amount', 'category', 'channel', q(SVG)].join(','),
  [q(IMG), '2024-01-01', '5', BOLD, q('=HYPERLINK("http://x")'), 'a'].join(','),
  [SCRIPT, '2024-01-02', '7', q('<img src=x onerror="window.__pwned=4">'), 'web', 'b'].join(','),
  ['=1+1', '2024-01-03', '9', 'plain', '@SUM(A1)', 'c'].join(','),
  ['-2+3', '2024-01-04', '11', 'plain', '+cmd', 'd'].join(','),
].join('\n');
const ATTRIBUTES = ['customer,=SUM(1+1),Region', `=1+1,@cmd,${q('<i>north</i>')}`, `${q(IMG)},x,${q(SCRIPT)}`].join('\n');

async function noMarkupRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], main script, b:text-is("bold"), i:text-is("north")')).toHaveCount(0);
}

test('HTML and script in ids, categories, channels, column and attribute names are shown as text everywhere, and formulas are neutralised in the export', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(TRANSACTIONS) });
  await expect(page.getByTestId('customers')).toHaveText('4');
  await page.getByText('How the file was read').click();
  await noMarkupRan(page);

  // Colour by the top category: the legend names the categories as the characters they are.
  const colourBy = page.getByTestId('colour-by');
  const options = await colourBy.locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
  const category = options.find(([, label]) => /categor/i.test(label));
  expect(category).toBeDefined();
  await colourBy.selectOption(category![0]);
  await expect(page.getByTestId('scatter-legend')).toContainText(BOLD);
  await expect(page.getByTestId('scatter-legend')).toContainText('<img src=x onerror="window.__pwned=4">');
  await noMarkupRan(page);

  // The rule builder offers the categories as values, as text.
  const builder = page.getByTestId('rule-segments');
  const fields = await builder.getByLabel('Field of condition 1').locator('option').allTextContents();
  const categoryField = fields.find((f) => /categor/i.test(f));
  expect(categoryField).toBeDefined();
  await builder.getByLabel('Field of condition 1').selectOption({ label: categoryField! });
  expect(await builder.getByLabel('Value of condition 1').locator('option').allTextContents()).toContain(BOLD);

  // Attributes with a formula for a column name and HTML for values.
  await page.getByTestId('attributes-input').setInputFiles({ name: 'attrs.csv', mimeType: 'text/csv', buffer: Buffer.from(ATTRIBUTES) });
  await expect(page.getByTestId('attributes').getByTestId('attributes-matched')).toHaveText('2');
  await noMarkupRan(page);

  // The export: every text cell that starts like a formula is prefixed with ', headers included.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0].startsWith("customer_id,'=SUM(1+1),Region,")).toBe(true);
  expect(lines.some((l) => l.startsWith("'=1+1,'@cmd,<i>north</i>,"))).toBe(true);
  expect(lines.some((l) => l.startsWith("'-2+3,"))).toBe(true);
  // No cell of the file starts with a formula character unless quoted by the prefix.
  for (const line of lines) for (const cell of line.split(',')) expect(/^[=+@]/.test(cell.replace(/^"/, ''))).toBe(false);
  await noMarkupRan(page);
});

test('sheet names with HTML are listed as text, and the chosen one is read', async ({ page }) => {
  const book = XLSX.utils.book_new();
  const rows = (id: string) => [['customer', 'date', 'amount'], [id, '2024-03-01', 9], ['z', '2024-03-02', 4]];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows('a')), '<img src=x onerror=f()>');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows('<b>bold</b>')), '<svg onload=f()>');
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  await page.goto('./');
  await page.evaluate(() => ((window as unknown as { f: () => void }).f = () => ((window as unknown as { __pwned?: number }).__pwned = 5)));
  await page.getByTestId('file-input').setInputFiles({ name: 'hostile.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByTestId('customers')).toHaveText('2');
  const picker = page.getByTestId('sheet-picker').getByRole('combobox');
  expect(await picker.locator('option').allTextContents()).toEqual(['<img src=x onerror=f()>', '<svg onload=f()>']);
  await picker.selectOption('<svg onload=f()>');
  await expect(picker).toHaveValue('<svg onload=f()>');
  await expect(page.getByTestId('customers')).toHaveText('2');
  await noMarkupRan(page);
});
