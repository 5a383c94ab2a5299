import { expect, test, type Page } from '@playwright/test';
import { exportCustomers, savedAfter } from './session-steps.ts';

/** Waits until the service worker has precached the build and controls this page. */
async function offlineReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
}

async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 30_000 });
}

const SESSION = 'online-retail-2011-jan-feb.csv';
const row = (page: Page) => page.getByTestId('sessions').locator(`tr[data-session="${SESSION}"]`);

for (const [where, path] of [
  ['at the root', './'],
  ['under a sub-path', 'a/b/'],
] as const) {
  test(`offline ${where}: after one visit a reload loads the app, reopens a saved session with an identical export, and the sample and workers still run`, async ({ page, context }) => {
    await page.goto(path);
    await offlineReady(page);
    await savedAfter(page, () => loadSample(page));
    await savedAfter(page, async () => void (await page.getByTestId('bins').selectOption('4')));
    const exported = await exportCustomers(page);

    await context.setOffline(true);
    // Offline is real: a request the service worker does not hold fails.
    expect(await page.evaluate(() => fetch('not-in-the-build.txt').then(() => 'answered', () => 'failed'))).toBe('failed');
    await page.goto(path);
    await expect(row(page)).toBeVisible();
    await row(page).getByTestId('reopen').click();
    await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('bins')).toHaveValue('4');
    expect((await exportCustomers(page)).equals(exported)).toBe(true);

    // A new analysis offline: the sample file, the ingest, analysis and paint workers come from the cache.
    await page.goto(path);
    await expect(page.getByRole('button', { name: 'Try the sample data' })).toBeVisible();
    await loadSample(page);
  });
}

test('the service worker is registered once the page is quiet, never while a file chosen at once is read, drawn, modelled and saved, and the page still goes offline-ready', async ({ page }) => {
  await page.goto('./', { waitUntil: 'commit' });
  // The sample's 3.8 MB through the file input as soon as it shows (the sample button would first download it).
  await page.getByTestId('file-input').setInputFiles('public/samples/online-retail-2011-jan-feb.csv');
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 30_000 });
  await offlineReady(page);
  const at = await page.evaluate(() => {
    const t = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
    return {
      chosen: t('segment:file-selected'),
      painted: t('segment:scatter-painted'),
      modelled: t('segment:rescore-end'),
      saved: t('segment:session-save-end'),
      linesSaved: t('segment:session-lines-save-end'),
      registered: t('segment:offline-registered'),
    };
  });
  // Never while the file is read, scored, drawn, modelled and saved with its lines. (On a loaded
  // machine the page can take over 2 s to take the file: then the registration comes before it,
  // as for an analyst who waits.)
  expect(Number.isFinite(at.registered)).toBe(true);
  const last = Math.max(at.painted, at.modelled, at.saved, at.linesSaved);
  expect(Number.isFinite(last)).toBe(true);
  expect(at.registered < at.chosen || at.registered > last, JSON.stringify(at)).toBe(true);
});
