import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readNumber } from './reference.ts';
import { cancelSweep, manyCustomers } from './analysis-steps.ts';

async function loadSample(page: Page): Promise<number> {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
  return readNumber(await page.getByTestId('customers').innerText());
}

/** The scatter legend's groups and customer counts. */
async function legend(page: Page): Promise<Array<[string, number]>> {
  const rows = await page.getByTestId('scatter-legend').locator('tbody tr').all();
  return Promise.all(rows.map(async (row) => [(await row.locator('td').first().innerText()).trim(), readNumber(await row.locator('td.num').innerText())] as [string, number]));
}

test('Suggest k, accept the suggestion, and see the clusters in the profile table, the scatter and the export', async ({ page }) => {
  const customers = await loadSample(page);
  const clusters = page.getByTestId('clustering');
  await expect(clusters.getByLabel('Random seed')).toHaveValue('42');

  await clusters.getByRole('button', { name: 'Suggest k' }).click();
  const sweep = page.getByTestId('k-sweep-table');
  await expect(sweep.locator('tbody tr')).toHaveCount(9);
  const reason = await page.getByTestId('k-reason').innerText();
  const k = Number(/^k = (\d+) gives the highest silhouette/.exec(reason)?.[1]);
  expect(k).toBeGreaterThanOrEqual(2);
  await expect(sweep.locator(`tr[data-k="${k}"]`)).toContainText('suggested');

  await clusters.getByRole('button', { name: `Use k = ${k}` }).click();
  await expect(clusters.getByLabel('Clusters (k)')).toHaveValue(String(k));
  const profiles = page.getByTestId('cluster-profiles');
  await expect(profiles.locator('tbody tr:not([hidden])')).toHaveCount(k);

  // The scatter switches to the clusters: one legend row per cluster, every customer in one.
  const canvas = page.getByTestId('scatter-canvas');
  await expect(canvas).toHaveAttribute('data-colour-by', 'cluster');
  await expect(page.getByTestId('colour-by')).toHaveValue('cluster');
  const groups = await legend(page);
  expect(groups).toHaveLength(k);
  expect(groups.reduce((s, [, n]) => s + n, 0)).toBe(customers);
  // The profile table and the legend agree on names and sizes.
  const names = await profiles.locator('tbody tr:not([hidden]) input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(groups.map(([name]) => name)).toEqual(names);
  const sizes = await profiles.locator('tbody tr:not([hidden]) td:nth-child(2)').allInnerTexts();
  expect(groups.map(([, n]) => n)).toEqual(sizes.map(readNumber));

  // Renaming a cluster renames it in the legend and the cross tab.
  await profiles.getByRole('textbox', { name: /^Name of cluster 1/ }).fill('Best customers');
  expect((await legend(page))[0][0]).toBe('Best customers');
  await expect(page.getByTestId('cluster-cross-tab').locator('tbody tr').first()).toContainText('Best customers');
  const crossTotal = await page.getByTestId('cluster-cross-tab').locator('tfoot td').last().innerText();
  expect(readNumber(crossTotal)).toBe(customers);

  // Rules can use the clusters, by the name given: "Cluster is Best customers" counts its members.
  const builder = page.getByTestId('rule-segments');
  await builder.getByLabel('Field of condition 1').selectOption({ label: 'Cluster' });
  await builder.getByLabel('Value of condition 1').selectOption({ label: 'Best customers' });
  await expect(builder).toContainText(new RegExp(`${groups[0][1].toLocaleString('en-GB')} customers`));

  // The export has one row per customer and the cluster column with the analyst's names.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export customers (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('online-retail-2011-jan-feb-customers.csv');
  const lines = readFileSync(await file.path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('customer_id,recency_days,frequency,monetary,avg_order_value,r_score,f_score,m_score,rfm_segment,value_band,lifecycle,cluster');
  expect(lines).toHaveLength(customers + 1);
  const clusterCounts = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const name = line.slice(line.lastIndexOf(',') + 1);
    clusterCounts.set(name, (clusterCounts.get(name) ?? 0) + 1);
  }
  expect(clusterCounts.get('Best customers')).toBe(groups[0][1]);
  expect(clusterCounts.size).toBe(k);
});

test('"Colour by" shows the RFM segments, every customer in one', async ({ page }) => {
  const customers = await loadSample(page);
  await expect(page.getByTestId('colour-by').locator('option[value="cluster"]')).toHaveCount(0);
  await page.getByTestId('colour-by').selectOption({ label: 'RFM segment' });
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-colour-by', 'segment');
  const groups = await legend(page);
  expect(groups.map(([name]) => name)).toContain('Champions');
  expect(groups.reduce((s, [, n]) => s + n, 0)).toBe(customers);
});

test('more clusters than customers gives a clear message, not NaN or a hang', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({
    name: 'three.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customer,date,amount\na,2024-01-01,5\nb,2024-02-01,70\nc,2024-03-01,900\nc,2024-03-05,20\n'),
  });
  await expect(page.getByTestId('customers')).toHaveText('3');
  const clusters = page.getByTestId('clustering');
  await clusters.getByLabel('Clusters (k)').fill('5');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  const problem = page.getByTestId('clustering-problem');
  await expect(problem).toHaveAttribute('data-code', 'too-few-points');
  await expect(problem).toContainText('There are 3 customers, too few to form 5 clusters.');
  await expect(page.getByTestId('cluster-profiles')).toBeHidden();
  await expect(clusters).not.toContainText('NaN');

  // Still usable: three clusters of three customers work.
  await problem.getByRole('button', { name: 'Dismiss' }).click();
  await clusters.getByLabel('Clusters (k)').fill('3');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(page.getByTestId('cluster-profiles').locator('tbody tr:not([hidden])')).toHaveCount(3);
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-colour-by', 'cluster');
});

test('Cancel stops "Suggest k": the worker is terminated and the next run works on a fresh one', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: manyCustomers() });
  await expect(page.getByTestId('customers')).toHaveText('200,000');
  const clusters = page.getByTestId('clustering');
  // The run's progress is laid out before it starts, hidden: starting it moves nothing in the card.
  const height = () => clusters.evaluate((card) => card.getBoundingClientRect().height);
  const idleHeight = await height();
  await expect(clusters.getByRole('status').filter({ hasText: 'Trying k' })).toBeHidden();
  const during = page.waitForFunction(() => document.querySelector('[data-testid="clustering"] .progress:not(.idle)')?.closest('section')?.getBoundingClientRect().height ?? null);
  await cancelSweep(page);
  expect(await (await during).jsonValue()).toBe(idleHeight);
  await expect(page.getByTestId('k-sweep')).toHaveCount(0);

  // A fresh worker gets the customers back and clusters them.
  await clusters.getByLabel('Clusters (k)').fill('4');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(page.getByTestId('cluster-profiles').locator('tbody tr:not([hidden])')).toHaveCount(4, { timeout: 30_000 });
  const counts = await page.getByTestId('scatter-legend').locator('tbody td.num').allInnerTexts();
  expect(counts.map(readNumber).reduce((s, n) => s + n, 0)).toBe(200_000);
});
