import { expect, test, type Page, type Worker } from '@playwright/test';
import { readNumber } from './reference.ts';
import { saveClusterRule } from './analysis-steps.ts';

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
  await expect(profiles.locator('tbody tr')).toHaveCount(3);
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
  await expect(profiles.locator('tbody tr')).toHaveCount(4);
  await expect(saved.getByTestId('rule-segment-count')).not.toHaveText('');
  await expect(builder).not.toContainText('unknown field');
});
