import { expect, type Locator, type Page } from '@playwright/test';

/** 200,000 customers with one order each: a sweep over them takes long enough to be cancelled. */
export function manyCustomers(): Buffer {
  const lines = ['customer,date,amount'];
  for (let i = 0; i < 200_000; i++) lines.push(`C${i},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')},${(5 + ((i * 7919) % 997)).toFixed(2)}`);
  return Buffer.from(lines.join('\n'));
}

/** Starts "Suggest k" and cancels it once it reports progress; resolves when the analysis worker is terminated. */
export async function cancelSweep(page: Page): Promise<void> {
  const clusters = page.getByTestId('clustering');
  const worker = page.workers().find((w) => w.url().includes('analysis'));
  expect(worker).toBeDefined();
  const closed = worker!.waitForEvent('close');
  await clusters.getByRole('button', { name: 'Suggest k' }).click();
  const progress = page.getByRole('progressbar', { name: 'Suggest k progress' });
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await clusters.getByRole('button', { name: 'Cancel' }).click();
  await closed;
  await expect(page.getByTestId('clustering-cancelled')).toBeVisible();
  await expect(progress).toHaveCount(0);
}

/** Saves the rule segment "Cluster is `cluster`" as `name`; returns its row in the saved segments. */
export async function saveClusterRule(page: Page, name: string, cluster: string): Promise<Locator> {
  const builder = page.getByTestId('rule-segments');
  await builder.getByLabel('Segment name').fill(name);
  await builder.getByLabel('Field of condition 1').selectOption({ label: 'Cluster' });
  await builder.getByLabel('Value of condition 1').selectOption({ label: cluster });
  await builder.getByRole('button', { name: 'Save segment' }).click();
  return page.getByTestId('saved-rule-segments').locator(`tr[data-segment="${name}"]`);
}
