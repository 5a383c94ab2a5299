import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { analyse, changeAnalysisDay, changeCleaning, exportCustomers, linesLoaded, linesSaved, sessionRow } from './session-steps.ts';

const SAMPLE = readFileSync('public/samples/online-retail-2011-jan-feb.csv');

test('a reopened session cleans again and moves its analysis date without the file: the export equals a fresh analysis of the file with those settings, byte for byte', async ({ page, browser }) => {
  // Two analyses of a 3.8 MB file and two cleanings of each, on a shared machine.
  test.setTimeout(180_000);
  await page.goto('./');
  await analyse(page, 'retail.csv', SAMPLE);
  await linesSaved(page);
  const asRead = await exportCustomers(page);

  // A fresh page: the file is gone, only the saved session is there.
  await page.goto('./');
  await sessionRow(page, 'retail.csv').getByTestId('reopen').click();
  await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
  await linesLoaded(page);
  await changeCleaning(page);
  await changeAnalysisDay(page, '2011-02-10');
  const reopened = await exportCustomers(page);
  expect(reopened.equals(asRead)).toBe(false);

  // The same settings on the file itself, in a fresh browser context.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('./');
  await analyse(fresh, 'retail.csv', SAMPLE);
  await changeCleaning(fresh);
  await changeAnalysisDay(fresh, '2011-02-10');
  expect(reopened.equals(await exportCustomers(fresh))).toBe(true);
  await context.close();
});
