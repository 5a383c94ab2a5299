import { expect, test } from '@playwright/test';
import { readNumber } from './reference.ts';
import { cancelSweep, manyCustomers, saveClusterRule } from './analysis-steps.ts';

test('after a cancelled "Suggest k" the fresh worker has the clusters, the rules on them and the analyst\'s segment map', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: manyCustomers() });
  await expect(page.getByTestId('customers')).toHaveText('200,000');

  // The analyst's segment map: "New customers" (R 5, F 1) renamed "Fresh".
  await expect(page.getByTestId('segment-rules').locator('tr[data-segment="New customers"]')).toBeVisible();
  const names = await page.getByTestId('segment-rules').locator('input.name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await page.getByLabel(`Name of segment rule ${names.indexOf('New customers') + 1}`, { exact: true }).fill('Fresh');
  await expect(page.getByTestId('segment-rules').locator('tr[data-segment="Fresh"] [data-testid="segment-count"]')).toHaveText('33,332');

  // Cancel before any clusters: the next clustering is crossed with the analyst's map.
  await cancelSweep(page);
  const clusters = page.getByTestId('clustering');
  await clusters.getByLabel('Clusters (k)').fill('3');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  const crossTab = page.getByTestId('cluster-cross-tab');
  await expect(page.getByTestId('cluster-profiles').locator('tbody tr:not([hidden])')).toHaveCount(3, { timeout: 30_000 });
  await expect(crossTab.locator('thead')).toContainText('Fresh');
  await expect(crossTab.locator('thead')).not.toContainText('New customers');

  // A rule segment on the clusters, by the name the analyst gave.
  const profiles = page.getByTestId('cluster-profiles');
  await profiles.getByRole('textbox', { name: /^Name of cluster 1/ }).fill('Best customers');
  const best = readNumber(await profiles.locator('tbody tr').first().locator('td').nth(1).innerText());
  const builder = page.getByTestId('rule-segments');
  const saved = await saveClusterRule(page, 'Best ones', 'Best customers');
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(best.toLocaleString('en-GB'));

  // Cancel again, with clusters and a rule on them.
  await cancelSweep(page);
  // Any change rescores on the fresh worker: the rule still knows the "Cluster" field.
  const highBand = page.getByTestId('value-bands').locator('tr[data-band="0"] [data-testid="band-count"]');
  const paretoHigh = await highBand.innerText();
  await page.getByLabel('Value bands by').selectOption({ label: 'Share of customers (quantiles)' });
  await expect(highBand).not.toHaveText(paretoHigh);
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(best.toLocaleString('en-GB'));
  await expect(page.getByTestId('rule-segments')).not.toContainText('unknown field');
  // The live count of a new rule on the clusters works too.
  await builder.getByLabel('Segment name').fill('Best again');
  await builder.getByLabel('Field of condition 1').selectOption({ label: 'Cluster' });
  await builder.getByLabel('Value of condition 1').selectOption({ label: 'Best customers' });
  await expect(builder.getByTestId('rule-count-value')).toHaveText(best.toLocaleString('en-GB'));

  // And the next clustering still uses the analyst's map.
  await clusters.getByLabel('Clusters (k)').fill('4');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(page.getByTestId('cluster-profiles').locator('tbody tr:not([hidden])')).toHaveCount(4, { timeout: 30_000 });
  await expect(crossTab.locator('thead')).toContainText('Fresh');
});
