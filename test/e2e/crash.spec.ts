import { expect, test, type Page, type Worker } from '@playwright/test';
import { readNumber } from './reference.ts';
import { saveClusterRule } from './analysis-steps.ts';
import { saves, savedAfter } from './session-steps.ts';

// The crashes are made from outside, through the browser's own access to the worker (no hook in
// the app): `self.close()` ends it as the browser would on running out of memory, and a throwing
// listener stands for a bug that kills a job half-way.

/** The analysis worker the page is using now. */
async function analysisWorker(page: Page, not?: Worker): Promise<Worker> {
  let found: Worker | undefined;
  await expect.poll(() => (found = page.workers().find((w) => w.url().includes('analysis') && w !== not)) !== undefined).toBe(true);
  return found!;
}

test('an analysis worker that dies is reported and replaced by one with the clusters and rules intact, never a spinner', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
  const clusters = page.getByTestId('clustering');
  await clusters.getByLabel('Clusters (k)').fill('3');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  const profiles = page.getByTestId('cluster-profiles');
  await expect(profiles.locator('tbody tr:not([hidden])')).toHaveCount(3);
  await profiles.getByRole('textbox', { name: /^Name of cluster 1/ }).fill('Best customers');
  const best = readNumber(await profiles.locator('tbody tr').first().locator('td').nth(1).innerText());
  const builder = page.getByTestId('rule-segments');
  const saved = await saveClusterRule(page, 'Best ones', 'Best customers');
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(best.toLocaleString('en-GB'));

  // 1. The idle worker is closed: noticed, reported, and a fresh one restored at once.
  const first = await analysisWorker(page);
  const closed = first.waitForEvent('close');
  await first.evaluate(() => self.close());
  await closed;
  const notice = page.getByTestId('worker-crashed');
  await expect(notice).toContainText('The analysis (scoring, clusters, rules) stopped');
  const second = await analysisWorker(page, first);
  // The rule on the clusters still counts after a rescore on the fresh worker.
  const highBand = page.getByTestId('value-bands').locator('tr[data-band="0"] [data-testid="band-count"]');
  const paretoHigh = await highBand.innerText();
  await page.getByLabel('Value bands by').selectOption({ label: 'Share of customers (quantiles)' });
  await expect(highBand).not.toHaveText(paretoHigh);
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(best.toLocaleString('en-GB'));
  await expect(builder).not.toContainText('unknown field');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  // 2. A job that kills its worker half-way: the clustering fails with a message, not a spinner.
  await second.evaluate(() => {
    // The k-means job runs, but its answer (the one with labels) never leaves: the worker throws instead.
    const post = self.postMessage.bind(self) as (message: unknown, transfer?: Transferable[]) => void;
    (self as unknown as { postMessage: typeof post }).postMessage = (message, transfer) => {
      const answer = (message as { value?: { value?: { labels?: unknown } } } | null)?.value?.value;
      if (!(answer?.labels instanceof Uint8Array)) return post(message, transfer);
      setTimeout(() => {
        throw new Error('simulated crash in k-means');
      });
    };
  });
  await clusters.getByLabel('Clusters (k)').fill('4');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(page.getByTestId('clustering-problem')).toContainText('stopped unexpectedly');
  await expect(page.getByTestId('clustering-problem')).toContainText('simulated crash in k-means');
  // Under a heading that says what happened, not that these customers cannot be clustered.
  await expect(page.getByTestId('clustering-problem').locator('strong')).toHaveText('The clustering stopped unexpectedly.');
  await expect(page.getByTestId('clustering-problem')).not.toContainText('could not be clustered');
  await expect(notice).toBeVisible();
  await expect(clusters.getByRole('button', { name: 'Find clusters' })).toBeEnabled();
  // The fresh worker runs it: four clusters, every customer in one, and the rule still counts.
  await analysisWorker(page, second);
  await page.getByTestId('clustering-problem').getByRole('button', { name: 'Dismiss' }).click();
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(profiles.locator('tbody tr:not([hidden])')).toHaveCount(4);
  await expect(saved.getByTestId('rule-segment-count')).not.toHaveText('');
  await expect(builder).not.toContainText('unknown field');
});

test('the page keeps no copy of the metrics: a fresh worker after another file was tried takes them from the saved session', async ({ page }) => {
  await page.goto('./');
  await savedAfter(page, async () => {
    await page.getByRole('button', { name: 'Try the sample data' }).click();
    await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
  });
  // A rule on a metric only the transactions give (the analysis worker has no metrics without them).
  const builder = page.getByTestId('rule-segments');
  await builder.getByLabel('Segment name').fill('Regulars');
  await builder.getByLabel('Field of condition 1').selectOption({ label: 'Mean days between purchases' });
  await builder.getByLabel('Test of condition 1').selectOption({ label: '≤ at most' });
  await builder.getByLabel('Value of condition 1').fill('60');
  await builder.getByRole('button', { name: 'Save segment' }).click();
  const saved = page.getByTestId('saved-rule-segments').locator('tr[data-segment="Regulars"]');
  const count = saved.getByTestId('rule-segment-count');
  await expect(count).toHaveText(/^[1-9][\d,]*$/);
  const regulars = await count.innerText();
  await expect.poll(() => saves(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

  // A file with no readable row: the ingest worker drops what it held (the sample's transactions,
  // the metrics' source), and the analysis stays on screen.
  const customers = await page.getByTestId('customers').innerText();
  await page.getByTestId('file-input').setInputFiles({ name: 'no-dates.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\na,soon,5\nb,later,6\n') });
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('customers')).toHaveText(customers);

  const first = await analysisWorker(page);
  const closed = first.waitForEvent('close');
  await first.evaluate(() => self.close());
  await closed;
  await analysisWorker(page, first);
  await expect(page.getByTestId('worker-crashed')).toContainText('The analysis (scoring, clusters, rules) stopped');
  await expect(page.getByTestId('worker-crashed')).not.toContainText('could not be found again');
  // Rescored on the fresh worker, the rule on the metric counts as before.
  const highBand = page.getByTestId('value-bands').locator('tr[data-band="0"] [data-testid="band-count"]');
  const paretoHigh = await highBand.innerText();
  await page.getByLabel('Value bands by').selectOption({ label: 'Share of customers (quantiles)' });
  await expect(highBand).not.toHaveText(paretoHigh);
  await expect(count).toHaveText(regulars);
  await expect(builder).not.toContainText('unknown field');
});
