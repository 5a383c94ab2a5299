import { inflateRawSync, inflateSync } from 'node:zlib';
import { altLasso } from '../../scripts/shift-drag.mjs';
import { expect, test, type Page } from '@playwright/test';

const saves = (page: Page) => page.evaluate(() => performance.getEntriesByName('segment:session-save').length);

/** The settings JSON a link's hash carries, unpacked by the test itself. */
function linkText(hash: string): string {
  const bytes = Buffer.from(hash.replace(/^#s1\./, ''), 'base64url');
  try {
    return inflateSync(bytes).toString('utf8');
  } catch {
    return inflateRawSync(bytes).toString('utf8');
  }
}

test('a share link leaves fixed-list segments out (their customer ids are data) and says so; the saved session keeps them', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 30_000 });

  // A lasso (drawn with Alt held) saves as a fixed list.
  const box = (await page.getByTestId('scatter-area').boundingBox())!;
  await altLasso(page, box, [[0.05, 0.1], [0.5, 0.1], [0.3, 0.9], [0.05, 0.9]]);
  await page.getByTestId('selection-name').fill('Lassoed');
  const before = await saves(page);
  await page.getByTestId('save-selection').click();
  await expect(page.getByTestId('selection-saved')).toContainText('fixed list');
  await expect.poll(() => saves(page), { timeout: 20_000 }).toBeGreaterThan(before);
  const ids = await page.getByTestId('selected-table').getByTestId('selected-row').first().locator('[role="cell"]').first().innerText();
  expect(ids.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('copy-status')).toContainText('leaves out 1 fixed-list segment (its customer ids are data)');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const hash = new URL(copied).hash;
  const text = linkText(hash);
  expect(text).toContain('"ruleSegments"');
  expect(text).not.toContain('Lassoed');
  expect(text).not.toContain(`"${ids}"`);
  // The address bar carries the same: no list.
  await expect.poll(() => page.evaluate(() => location.hash).then(linkText)).not.toContain('Lassoed');

  // Opened elsewhere, the link has no such segment.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(copied);
  await expect(fresh.getByTestId('link-awaiting-file')).toBeVisible();
  await other.close();

  // The session keeps it.
  await page.goto('./');
  const row = page.getByTestId('sessions').locator('tr[data-session="online-retail-2011-jan-feb.csv"]');
  await row.getByTestId('reopen').click();
  await expect(page.getByTestId('saved-rule-segments').locator('tr[data-segment="Lassoed"]').getByTestId('list-segment')).toHaveText('Fixed list');
});
