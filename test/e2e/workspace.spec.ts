import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scaleLinear, scaleLog } from 'd3';
import Papa from 'papaparse';
import { formatAxisTick, type AxisUnit } from '../../src/core/index.ts';
import { referenceCustomers } from './customer-reference.ts';
import { readNumber } from './reference.ts';
import { altLasso, shiftDrag } from '../../scripts/shift-drag.mjs';

const SAMPLE_PATH = 'public/samples/online-retail-2011-jan-feb.csv';
const RETAIL_COLUMNS = { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', price: 'UnitPrice' };

async function loadSample(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  // The first picture waits for the import and the scoring: on the shared 2-core machine that took over 5 s.
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 30_000 });
}

async function paints(page: Page): Promise<number> {
  return Number(await page.getByTestId('scatter-canvas').getAttribute('data-paints'));
}

/** Waits for a picture painted after `before`. */
async function repainted(page: Page, before: number): Promise<void> {
  await expect.poll(() => paints(page)).toBeGreaterThan(before);
}

/**
 * The plot's mapping from screen to data, read from what the chart says it shows (the visible
 * domain and the pixels it spans), with the test's own interpolation: linear, or linear in the
 * logarithm.
 */
async function mapping(area: Locator) {
  const read = async (name: string) => ((await area.getAttribute(name)) ?? '').split(',').map(Number);
  const box = (await area.boundingBox())!;
  const axis = async (which: 'x' | 'y') => {
    const [d0, d1] = await read(`data-${which}-domain`);
    const [r0, r1] = await read(`data-${which}-range`);
    const log = (await area.getAttribute(`data-${which}-kind`)) === 'log';
    return (pixel: number) => {
      const t = (pixel - r0) / (r1 - r0);
      return log ? Math.exp(Math.log(d0) + t * (Math.log(d1) - Math.log(d0))) : d0 + t * (d1 - d0);
    };
  };
  return { box, x: await axis('x'), y: await axis('y') };
}

/** Shift+drag from (fx0, fy0) to (fx1, fy1), fractions of the plot area. */
async function brush(page: Page, area: Locator, fx0: number, fy0: number, fx1: number, fy1: number) {
  await shiftDrag(page, (await area.boundingBox())!, [fx0, fy0, fx1, fy1]);
}

function days(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

test('a Shift+drag selects exactly the customers inside the rectangle in data coordinates, before and after a zoom', async ({ page }) => {
  const customers = referenceCustomers(readFileSync(SAMPLE_PATH, 'utf8'), RETAIL_COLUMNS);
  await loadSample(page);
  // Recency counts to the day after the last transaction of the file.
  const lastDay = /to (\d{4}-\d{2}-\d{2})/.exec(await page.getByTestId('date-range').innerText())![1];
  const analysisDay = days(lastDay) + 1;
  const area = page.getByTestId('scatter-area');

  const expectedIn = async (fx0: number, fy0: number, fx1: number, fy1: number) => {
    const m = await mapping(area);
    const [x0, x1] = [m.x(fx0 * m.box.width), m.x(fx1 * m.box.width)];
    // Screen y grows downwards: the lower edge of the rectangle is the larger pixel.
    const [y0, y1] = [m.y(fy1 * m.box.height), m.y(fy0 * m.box.height)];
    return customers.filter((c) => {
      const recency = analysisDay - days(c.lastDate);
      return recency >= x0 && recency <= x1 && c.revenue >= y0 && c.revenue <= y1;
    }).length;
  };

  const expected = await expectedIn(0.2, 0.2, 0.6, 0.7);
  expect(expected).toBeGreaterThan(20);
  await brush(page, area, 0.2, 0.2, 0.6, 0.7);
  await expect(page.getByTestId('selection-count')).toHaveText(`${expected.toLocaleString('en-GB')} customers selected`);
  await expect(page.getByTestId('selection-share')).toHaveText(`${((100 * expected) / customers.length).toFixed(1)}%`);

  // Zoom in with the wheel about a point, then brush again: the rectangle is read through the zoom.
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => Number(await area.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
  const zoomed = await expectedIn(0.1, 0.1, 0.7, 0.9);
  expect(zoomed).toBeGreaterThan(5);
  expect(zoomed).not.toBe(expected);
  await brush(page, area, 0.1, 0.1, 0.7, 0.9);
  await expect(page.getByTestId('selection-count')).toHaveText(`${zoomed.toLocaleString('en-GB')} customers selected`);

  // Save as segment: a rule on the two axes that holds exactly the selected customers.
  await page.getByTestId('selection-name').fill('Brushed');
  await page.getByTestId('save-selection').click();
  const saved = page.getByTestId('saved-rule-segments').locator('tr[data-segment="Brushed"]');
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(zoomed.toLocaleString('en-GB'));

  // Escape resets the zoom and clears the selection.
  await area.focus();
  await page.keyboard.press('Escape');
  await expect(area).toHaveAttribute('data-zoom', '1');
  await expect(page.getByTestId('selection')).toContainText('No customers selected');
});

test('a lasso selects customers; the table of them sorts, and "Export selected" writes exactly them', async ({ page }) => {
  const customers = referenceCustomers(readFileSync(SAMPLE_PATH, 'utf8'), RETAIL_COLUMNS);
  const revenueOf = new Map(customers.map((c) => [c.id, c.revenue]));
  await loadSample(page);
  const area = page.getByTestId('scatter-area');
  const box = (await area.boundingBox())!;
  // A triangle drawn with Alt held.
  await altLasso(page, box, [[0.05, 0.1], [0.5, 0.1], [0.3, 0.9], [0.05, 0.9]]);
  const count = readNumber((await page.getByTestId('selection-count').innerText()).replace(' customers selected', ''));
  expect(count).toBeGreaterThan(10);
  // A lasso is a list of customers, not a rectangle: it saves as a fixed list, marked as such,
  // that holds exactly the selected customers.
  await page.getByTestId('selection-name').fill('Lassoed');
  await page.getByTestId('save-selection').click();
  await expect(page.getByTestId('selection-saved')).toContainText('fixed list');
  const saved = page.getByTestId('saved-rule-segments').locator('tr[data-segment="Lassoed"]');
  await expect(saved.getByTestId('list-segment')).toHaveText('Fixed list');
  await expect(saved.getByTestId('rule-segment-count')).toHaveText(count.toLocaleString('en-GB'));
  await expect(saved.getByRole('button', { name: 'Edit Lassoed' })).toHaveCount(0);

  // The table lists them with every field of the model, as the export has them: metrics,
  // scores, segments and text fields too; sorted by net revenue, highest first.
  const table = page.getByTestId('selected-table');
  await expect(table.getByTestId('sort-averageOrderValue')).toBeVisible();
  for (const id of ['tenureDays', 'rScore', 'mScore', 'rfmSegment', 'valueBand', 'lifecycle']) await expect(table.getByTestId(`sort-${id}`)).toBeAttached();
  const segmentColumn = await table.locator('[role="columnheader"]').allInnerTexts();
  const segmentAt = segmentColumn.findIndex((t) => t.startsWith('RFM segment'));
  await expect(table.getByTestId('selected-row').first().locator('[role="cell"]').nth(segmentAt)).toHaveText(/^(Champions|Loyal customers|Potential loyalists|New customers|Promising|Need attention|About to sleep|At risk|Can't lose them|Hibernating|Lost|Other)$/);
  await table.getByTestId('sort-monetary').click();
  const firstRow = table.getByTestId('selected-row').first();
  await expect(table.getByTestId('sort-monetary')).toContainText('▼');
  const file = page.waitForEvent('download');
  await page.getByTestId('export-selected').click();
  const rows = Papa.parse<Record<string, string>>(readFileSync(await (await file).path(), 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(count);
  // The fixed list is a 1/0 column of the export like a rule segment: 1 for every one of them.
  expect(rows.every((r) => r.Lassoed === '1')).toBe(true);
  const top = Math.max(...rows.map((r) => revenueOf.get(r.customer_id) ?? -Infinity));
  await expect(firstRow.locator('[role="cell"]').first()).toHaveText(customers.find((c) => c.revenue === top)!.id);
  // Scrolling to the end shows the lowest.
  await table.locator('.body').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByTestId('selected-row').last()).toBeVisible();
});

test('"select" in the legend selects that group: its count is the legend\'s', async ({ page }) => {
  await loadSample(page);
  const row = page.getByTestId('scatter-legend').locator('tbody tr').nth(2);
  const expected = await row.locator('td.num').innerText();
  // The save form is in the page before any selection, hidden, and stays the same element through a
  // selection and its clearing: a form added or removed sets Chrome's autofill scanning the page,
  // which lays out every skipped settings card again (see SelectionPanel).
  const form = page.getByTestId('selection').locator('form');
  await expect(form).toBeHidden();
  await form.evaluate((f) => f.setAttribute('data-first', ''));
  await row.getByRole('button', { name: /^Select / }).click();
  await expect(page.getByTestId('selection-count')).toHaveText(`${expected} customers selected`);
  await expect(form).toBeVisible();
  // The mix over the colouring: the whole selection in the one group picked; after another
  // "Colour by", the same customers over its groups.
  const mix = page.getByTestId('selection-mix');
  const mixCounts = async () => [...(await mix.innerText()).replace(/^By [^:]+:/, '').matchAll(/ ([\d,]+)(?: ·|$)/g)].map((m) => readNumber(m[1]));
  await expect(mix).toHaveText(/^By R score/);
  expect(await mixCounts()).toEqual([readNumber(expected)]);
  await page.getByTestId('colour-by').selectOption('segment');
  await expect(mix).toHaveText(/^By RFM segment/);
  expect((await mixCounts()).reduce((a, b) => a + b, 0)).toBe(readNumber(expected));
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('selection')).toContainText('No customers selected');
  await expect(form).toBeHidden();
  await expect(form).toHaveAttribute('data-first', '');
});

test('the selected customers\' table shows every heading in full, on two lines at most', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('scatter-legend').locator('tbody tr').nth(2).getByRole('button', { name: /^Select / }).click();
  const table = page.getByTestId('selected-table');
  await expect(table.getByTestId('sort-rfmSegment')).toBeAttached();
  await table.scrollIntoViewIfNeeded();
  const headings = await table.locator('[role="columnheader"] > *').evaluateAll((els) =>
    els.map((el) => {
      const [box, cell] = [el.getBoundingClientRect(), el.parentElement!.getBoundingClientRect()];
      const cut = el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1 || box.left < cell.left - 0.5 || box.right > cell.right + 0.5 || box.top < cell.top - 0.5;
      return { text: el.textContent ?? '', cut, height: cell.height };
    }),
  );
  expect(headings.length).toBeGreaterThan(10);
  expect(headings.filter((h) => h.cut).map((h) => h.text)).toEqual([]);
  // All of one height: the table keeps its place as columns arrive.
  expect(new Set(headings.map((h) => Math.round(h.height))).size).toBe(1);
  // Each heading over its column: the rows' scrollbar takes no width from them alone.
  const edges = (selector: string) => table.locator(selector).evaluateAll((cells) => cells.flatMap((c) => [c.getBoundingClientRect().left, c.getBoundingClientRect().right]));
  const [heads, cells] = [await edges('[role="columnheader"]'), await edges('[data-testid="selected-row"] >> nth=0 >> [role="cell"]')];
  expect(cells).toHaveLength(heads.length);
  expect(Math.max(...heads.map((x, i) => Math.abs(x - cells[i])))).toBeLessThan(1);
});

test('with customers selected, a settings change updates their table in place: no column leaves while the new model\'s come', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('scatter-legend').locator('tbody tr').nth(2).getByRole('button', { name: /^Select / }).click();
  const table = page.getByTestId('selected-table');
  await expect(table.getByTestId('sort-rfmSegment')).toBeAttached();
  const headers = await table.locator('[role="columnheader"]').allInnerTexts();
  // The R score field's column (the second column is the colouring's group, here the R score too).
  const rAt = await table.locator('[role="columnheader"]').evaluateAll((hs) => hs.findIndex((h) => h.querySelector('[data-testid="sort-rScore"]')));
  expect(rAt).toBeGreaterThan(1);
  // Every cell is marked, and the fewest headers the table has at any moment are counted.
  await table.evaluate((el) => {
    const w = window as unknown as { __fewestHeaders: number };
    w.__fewestHeaders = el.querySelectorAll('[role="columnheader"]').length;
    new MutationObserver(() => (w.__fewestHeaders = Math.min(w.__fewestHeaders, el.querySelectorAll('[role="columnheader"]').length))).observe(el, { childList: true, subtree: true });
    for (const cell of el.querySelectorAll('[role="cell"]')) cell.setAttribute('data-before', '');
  });
  const cells = await table.locator('[role="cell"]').count();
  await page.getByTestId('bins').selectOption('4');
  await expect(page.getByTestId('model-status')).toContainText('with 4 scores per dimension');
  // The new model's scores are in the same cells.
  const rScores = () => table.getByTestId('selected-row').evaluateAll((rows, at) => rows.map((r) => Number(r.querySelectorAll('[role="cell"]')[at].textContent)), rAt);
  await expect.poll(async () => Math.max(...(await rScores()))).toBeLessThanOrEqual(4);
  expect(Math.min(...(await rScores()))).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => (window as unknown as { __fewestHeaders: number }).__fewestHeaders)).toBe(headers.length);
  await expect(table.locator('[role="cell"][data-before]')).toHaveCount(cells);
});

test('every field of the workspace is in a form, so a change in one card has Chrome look over that card only', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('clustering').getByRole('button', { name: 'Suggest k' }).click();
  await expect(page.getByTestId('k-reason')).toBeAttached({ timeout: 30_000 });
  await page.getByTestId('clustering').getByRole('button', { name: 'Find clusters' }).click();
  await expect(page.getByTestId('colour-by')).toHaveValue('cluster', { timeout: 30_000 });
  await page.getByRole('heading', { name: 'What the numbers mean' }).scrollIntoViewIfNeeded();
  // Fields outside any form: Chrome's autofill looks over all of them, and lays out each settings
  // card skipped while out of view that holds one, whenever any of them changes (see FieldGroup).
  const formless = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('main input, main select, main textarea')]
      .filter((field) => !field.form)
      .map((field) => field.getAttribute('data-testid') ?? field.getAttribute('aria-label') ?? field.outerHTML.slice(0, 80)),
  );
  const fields = await page.locator('main select').count();
  expect(fields).toBeGreaterThan(10);
  expect(formless).toEqual([]);
});

test('finding clusters adds no field to the page: the name fields are there already, hidden', async ({ page }) => {
  await loadSample(page);
  // The workspace's last parts are mounted (they come a task or a frame apart after the picture).
  for (const id of ['sizes-by', 'profile-by', 'cross-rows', 'cross-columns']) await expect(page.getByTestId(id)).toBeAttached();
  await expect(page.getByTestId('rule-segments').getByLabel('Field of condition 1')).toBeAttached();
  // A text field or a choice added to the page has Chrome's autofill look over every field of the
  // page, laying out each settings card skipped while out of view (see ClusterProfileTable).
  await page.evaluate(() => {
    const added: string[] = [];
    (window as unknown as { addedFields: string[] }).addedFields = added;
    const isField = (el: Element) =>
      el.matches('select, textarea, input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="hidden"])');
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const el of [node, ...node.querySelectorAll('*')]) if (isField(el)) added.push(el.getAttribute('aria-label') ?? el.outerHTML.slice(0, 80));
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const clusters = page.getByTestId('clustering');
  const profiles = page.getByTestId('cluster-profiles');
  await expect(profiles).toBeHidden();
  await clusters.getByLabel('Clusters (k)').fill('3');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(profiles.locator('tbody tr:not([hidden])')).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId('colour-by')).toHaveValue('cluster');
  await clusters.getByLabel('Clusters (k)').fill('5');
  await clusters.getByRole('button', { name: 'Find clusters' }).click();
  await expect(profiles.locator('tbody tr:not([hidden])')).toHaveCount(5, { timeout: 30_000 });
  await expect(profiles.getByRole('textbox', { name: /^Name of cluster 5 / })).toBeEditable();
  expect(await page.evaluate(() => (window as unknown as { addedFields: string[] }).addedFields)).toEqual([]);
});

test('linked views: a brush shows in the R × F grid and the segment bars; a grid cell and a histogram range select in turn', async ({ page }) => {
  const customers = referenceCustomers(readFileSync(SAMPLE_PATH, 'utf8'), RETAIL_COLUMNS);
  await loadSample(page);
  const area = page.getByTestId('scatter-area');
  await brush(page, area, 0.1, 0.1, 0.5, 0.8);
  const count = readNumber((await page.getByTestId('selection-count').innerText()).replace(' customers selected', ''));
  // Every selected customer is in exactly one R × F cell and one RFM segment bar.
  const grid = page.getByTestId('rf-grid');
  await expect.poll(async () => (await grid.getByTestId('cell-selected').allTextContents()).reduce((s, t) => s + readNumber(t), 0)).toBe(count);
  const bars = page.getByTestId('segment-bars');
  await expect(bars.getByTestId('bar-selected').first()).toBeAttached();
  const selectedColumn = await bars.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[0]?.textContent ?? '0'));
  expect(selectedColumn.reduce((s, t) => s + readNumber(t), 0)).toBe(count);

  // A grid cell selects its customers, as a range on both scores that saves as a rule.
  const cell = grid.locator('td[data-r="5"][data-f="1"]');
  const cellCount = readNumber(/[\d,]+$/.exec(((await cell.locator('.count').textContent()) ?? '').trim())![0]);
  await cell.getByRole('button').click();
  await expect(page.getByTestId('selection-count')).toHaveText(`${cellCount.toLocaleString('en-GB')} customers selected`);
  await expect(page.getByTestId('save-selection')).toBeEnabled();

  // A range dragged on the histogram of net revenue (log) selects the customers in it.
  const hist = page.getByTestId('histogram-area');
  await hist.scrollIntoViewIfNeeded();
  const box = (await hist.boundingBox())!;
  const [d0, d1] = ((await hist.getAttribute('data-x-domain')) ?? '').split(',').map(Number);
  const [r0, r1] = ((await hist.getAttribute('data-x-range')) ?? '').split(',').map(Number);
  const value = (px: number) => Math.exp(Math.log(d0) + ((px - r0) / (r1 - r0)) * (Math.log(d1) - Math.log(d0)));
  const [from, to] = [0.45 * box.width, 0.7 * box.width];
  const expected = customers.filter((c) => c.revenue >= value(from) && c.revenue <= value(to)).length;
  expect(expected).toBeGreaterThan(10);
  await page.mouse.move(box.x + from, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + to, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('selection-count')).toHaveText(`${expected.toLocaleString('en-GB')} customers selected`);
  await expect(page.getByTestId('histogram-selected').first()).toBeAttached();

  // The Pareto curve splits into those customers' revenue and the rest's (grey), with the figures in words.
  const inRange = customers.filter((c) => c.revenue >= value(from) && c.revenue <= value(to));
  const positive = (list: typeof customers) => list.reduce((s, c) => s + Math.max(0, c.revenue), 0);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const pareto = page.getByTestId('pareto-chart');
  await pareto.scrollIntoViewIfNeeded();
  await expect(pareto.getByTestId('pareto-selected')).toBeAttached();
  await expect(pareto.getByTestId('pareto-rest')).toBeAttached();
  await expect(page.getByTestId('pareto-summary')).toContainText(
    `Selected: ${expected.toLocaleString('en-GB')} customers (${pct(expected / customers.length)} of customers) bring ${pct(positive(inRange) / positive(customers))} of net revenue`,
  );
  expect(await pareto.locator('svg').getAttribute('aria-label')).toContain(`Selected: ${expected.toLocaleString('en-GB')} customers`);
});

test('the cross tab: a cell click selects exactly the customers it counts, and the selection shows in every cell', async ({ page }) => {
  await loadSample(page);
  const cross = page.getByTestId('segment-cross-tab');
  await cross.scrollIntoViewIfNeeded();
  const cells = cross.getByTestId('cross-cell');
  await expect(cells.first()).toBeVisible({ timeout: 30_000 });
  // The largest cell that is not the whole table: its count, as the cell shows it.
  const counts = (await cross.getByTestId('cross-count').allInnerTexts()).map(readNumber);
  const pick = counts.indexOf(Math.max(...counts));
  const shown = await cross.getByTestId('cross-count').nth(pick).innerText();
  await cells.nth(pick).click();
  await expect(page.getByTestId('selection-count')).toHaveText(`${shown} customers selected`);
  // The cell shows all of itself selected; the others none of theirs (a cell is one row and one column).
  await expect(cross.getByTestId('cross-selected').nth(pick)).toHaveText(shown);
  const selected = (await cross.getByTestId('cross-selected').allInnerTexts()).map(readNumber);
  expect(selected.reduce((s, x) => s + x, 0)).toBe(readNumber(shown));
  await expect(cross.locator('td.grey').first()).toBeAttached();
  await expect(cross.getByTestId('cross-selection-note')).toContainText(`${shown} of the selected customers are in the table`);

  // A brush elsewhere shows in the cross tab too: the cells' selected counts add up to the selection.
  await page.getByTestId('scatter-area').scrollIntoViewIfNeeded();
  await brush(page, page.getByTestId('scatter-area'), 0.05, 0.05, 0.6, 0.9);
  const count = readNumber((await page.getByTestId('selection-count').innerText()).replace(' customers selected', ''));
  expect(count).not.toBe(readNumber(shown));
  await expect.poll(async () => (await cross.getByTestId('cross-selected').allInnerTexts()).reduce((s, t) => s + readNumber(t), 0)).toBe(count);
});

test('accessible: every control in the workspace has a name, every chart a summary sentence, and keyboard focus is visible', async ({ page }) => {
  await loadSample(page);
  await expect(page.getByTestId('segment-cross-tab').getByTestId('cross-cell').first()).toBeAttached({ timeout: 30_000 });
  await page.getByTestId('scatter-legend').locator('tbody tr').first().getByRole('button', { name: /^Select / }).click();
  await expect(page.getByTestId('selected-table')).toBeAttached();
  // Every figure table and folded section open, so the controls inside them are checked too.
  await page.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));

  // As assistive technology sees the page: no control without a name.
  const tree = await page.locator('body').ariaSnapshot();
  const controls = tree.split('\n').filter((line) => /^\s*- (button|textbox|combobox|checkbox|radio|spinbutton|slider|searchbox|switch|link)\b/.test(line));
  expect(controls.length).toBeGreaterThan(100);
  expect(controls.filter((line) => !/^\s*- \w+ "[^"]*\S[^"]*"/.test(line))).toEqual([]);

  // And by hand, axe-like, over the DOM (folded or scrolled away too): each input, select, textarea,
  // button or role=button not hidden from assistive technology has a label, an aria-label(ledby) or text.
  const unnamed = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button, [role="button"]')) {
      if (el.closest('[aria-hidden="true"]') || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      const byIds = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ') : '';
      const own = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? '' : (el.textContent ?? '');
      const name = [el.getAttribute('aria-label') ?? '', byIds, labels, own, el.getAttribute('title') ?? ''].join(' ').trim();
      if (!name) out.push(el.outerHTML.slice(0, 160));
    }
    return out;
  });
  expect(unnamed).toEqual([]);
  // A score's legend entries say which score, not just "1" to "5".
  const legend = page.getByTestId('scatter-legend');
  await expect(legend.getByRole('button', { name: 'R score 1', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(legend.getByRole('button', { name: 'Select R score 5', exact: true })).toBeVisible();

  // Each chart has a text alternative: a summary sentence with its figures, and its data as a table.
  for (const [id, words] of [['histogram', /^Histogram of Net revenue over [\d,]+ customers: the tallest bar, [\d,]+ customers \(\d+\.\d%\), is from .+ to .+\. [\d,]+ of them are selected\./], ['segment-bars', /^Customers and net revenue per RFM segment: .+ has the most customers, [\d,]+ \(\d+\.\d%\); .+ brings the most revenue, \d+\.\d%\./], ['pareto-chart', /^The top 20% of customers bring \d+\.\d% of net revenue.* Selected: [\d,]+ customers/]] as const) {
    expect(await page.getByTestId(id).locator('svg[role="img"]').first().getAttribute('aria-label'), id).toMatch(words);
    await expect(page.getByTestId(id).locator('table'), id).toBeAttached();
  }
  await expect(page.getByTestId('scatter-summary')).toContainText(/Each dot is one of [\d,]+ customers, net revenue against recency \(net revenue on a log scale\), coloured by R score.*The largest group is \d, [\d,]+ customers\. [\d,]+ are selected; the rest are grey\./);
  await expect(page.getByRole('figure', { name: /^Customers by recency and net revenue/ })).toHaveAttribute('aria-describedby', 'scatter-summary');
  await expect(page.getByTestId('rf-grid').locator('caption')).toHaveText(/Segment of each R × F cell/);

  // Keyboard focus shows a ring on whatever it reaches: the plot, a select, a button, a link.
  for (const target of [page.getByTestId('scatter-area'), page.getByLabel('Colour by'), page.getByRole('button', { name: 'Copy link' }), page.getByRole('link', { name: 'Clusters' })]) {
    // After a key press, focus moved by script counts as keyboard focus (:focus-visible), as Tab's does.
    await page.keyboard.press('Shift');
    await target.focus();
    const ring = await target.evaluate((el) => { const s = getComputedStyle(el); return { focusVisible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; });
    expect(ring).toMatchObject({ focusVisible: true, style: 'solid', width: 3 });
  }
  await page.getByRole('button', { name: 'Copy link' }).focus();
  await page.keyboard.press('Shift+Tab');
  const focused = await page.evaluate(() => { const el = document.activeElement!; const s = getComputedStyle(el); return { focusVisible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), text: el.textContent }; });
  expect(focused).toMatchObject({ focusVisible: true, style: 'solid', width: 3 });
});

test('the histogram\'s field menu, mounted a moment after the chart, changes the field it counts', async ({ page }) => {
  await loadSample(page);
  const histogram = page.getByTestId('histogram');
  await expect(histogram.getByRole('heading')).toHaveText('Customers by net revenue');
  await histogram.getByTestId('histogram-field').selectOption('frequency');
  await expect(histogram.getByRole('heading')).toHaveText('Customers by orders');
  await expect(histogram.locator('svg[role="img"]')).toHaveAttribute('aria-label', /^Histogram of Orders over [\d,]+ customers/);
  // The bins as a table are made when first opened; their counts add up to the customers counted.
  await expect(histogram.getByTestId('histogram-table')).toHaveCount(0);
  await histogram.getByText('Bins as a table').click();
  const counts = await histogram.getByTestId('histogram-table').locator('tbody td.num').allInnerTexts();
  const total = Number(/over ([\d,]+) customers/.exec((await histogram.locator('svg[role="img"]').getAttribute('aria-label'))!)![1].replace(/,/g, ''));
  expect(counts.length).toBeGreaterThan(1);
  expect(counts.reduce((sum, c) => sum + Number(c.replace(/,/g, '')), 0)).toBe(total);
  // On the log scale of net revenue the sample has customers at zero or below: only the first
  // bar is the "≤ 0" band; the next one begins at the least value above zero.
  await histogram.getByTestId('histogram-field').selectOption('monetary');
  await expect(histogram.getByRole('heading')).toHaveText('Customers by net revenue');
  const from = await histogram.getByTestId('histogram-table').locator('tbody tr td:first-child').allInnerTexts();
  expect(from[0]).toBe('≤ 0');
  expect(from.slice(1).every((text) => text !== '≤ 0' && Number.isFinite(Number(text.replace(/,/g, '').replace(/k$/, 'e3'))))).toBe(true);
});

test('the tooltip names the customer under the pointer', async ({ page }) => {
  await loadSample(page);
  const area = page.getByTestId('scatter-area');
  const box = (await area.boundingBox())!;
  // Sweep the middle of the plot until a customer is under the pointer.
  for (let i = 0; i < 200 && !(await page.getByTestId('tooltip').isVisible()); i++) {
    await page.mouse.move(box.x + box.width * (0.05 + 0.9 * ((i * 7) % 100) / 100), box.y + box.height * (0.3 + 0.4 * (i / 200)));
  }
  await expect(page.getByTestId('tooltip')).toContainText(/Customer \d{5}/);
  await expect(page.getByTestId('tooltip')).toContainText(/days since last purchase/);
});

test('changing an axis changes its label and moves the points; colour-by changes the legend', async ({ page }) => {
  await loadSample(page);
  const canvas = page.getByTestId('scatter-canvas');
  const picture = () => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await expect(page.getByTestId('y-title')).toHaveText('Net revenue (log scale)');
  const before = await picture();
  const count = await paints(page);
  await page.getByTestId('y-axis').selectOption({ label: 'Orders' });
  await expect(page.getByTestId('y-title')).toHaveText('Orders');
  await repainted(page, count);
  expect(await picture()).not.toBe(before);

  const legend = page.getByTestId('scatter-legend');
  await expect(legend.locator('thead th').first()).toHaveText('R score');
  await page.getByTestId('colour-by').selectOption({ label: 'Lifecycle stage' });
  await expect(canvas).toHaveAttribute('data-colour-by', 'lifecycle');
  await expect(legend.locator('thead th').first()).toHaveText('Lifecycle stage');
  await expect(legend.locator('tbody')).toContainText('Active');
});

test('switching a legend entry off takes its points off the canvas (pixels)', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('colour-by').selectOption({ label: 'RFM segment' });
  const canvas = page.getByTestId('scatter-canvas');
  await expect(canvas).toHaveAttribute('data-colour-by', 'segment');
  const legend = page.getByTestId('scatter-legend');
  const row = legend.locator('tbody tr').first();
  const colour = await row.locator('.swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = colour.match(/\d+/g)!.map(Number);
  // Pixels of exactly that colour, and painted pixels of any colour.
  const pixels = () =>
    canvas.evaluate((c: HTMLCanvasElement, [r, g, b]) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let same = 0;
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        painted++;
        if (data[i] === r && data[i + 1] === g && data[i + 2] === b) same++;
      }
      return { same, painted };
    }, [r, g, b]);
  await repainted(page, 0);
  const before = await pixels();
  expect(before.same).toBeGreaterThan(0);
  const count = await paints(page);
  await row.locator('button.entry').click();
  await expect(row.locator('button.entry')).toHaveAttribute('aria-pressed', 'false');
  await repainted(page, count);
  const after = await pixels();
  expect(after.same).toBe(0);
  expect(after.painted).toBeGreaterThan(0);
  expect(after.painted).toBeLessThan(before.painted);
});

test('the keyboard alone changes the axes, the colour and the zoom', async ({ page }) => {
  await loadSample(page);
  await page.getByTestId('x-axis').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('x-title')).not.toHaveText('Recency (days)');
  await page.getByTestId('colour-by').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-colour-by', 'f');
  const area = page.getByTestId('scatter-area');
  await area.focus();
  await page.keyboard.press('+');
  await expect(area).toHaveAttribute('data-zoom', '1.25');
  const domain = await area.getAttribute('data-x-domain');
  await page.keyboard.press('ArrowRight');
  await expect(area).not.toHaveAttribute('data-x-domain', domain!);
  await page.keyboard.press('-');
  await expect(area).toHaveAttribute('data-zoom', '1');
});

/** The ticks an axis shows: [pixel along the axis, label], in pixel order. */
async function shownTicks(page: Page, which: 'x' | 'y'): Promise<Array<[number, string]>> {
  const ticks = await page.getByTestId(`${which}-ticks`).locator('.tick').evaluateAll((gs) =>
    gs.map((g) => [g.getAttribute('transform') ?? '', g.querySelector('text')?.textContent ?? ''] as const),
  );
  return ticks
    .map(([transform, label]): [number, string] => {
      const [tx, ty] = /translate\(([^,]+),([^)]+)\)/.exec(transform)!.slice(1).map(Number);
      return [which === 'x' ? tx : ty, label];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** The ticks d3's axisBottom / axisLeft would show for the scale the plot says it shows. */
async function d3Ticks(area: Locator, which: 'x' | 'y', count: number, unit: AxisUnit): Promise<Array<[number, string]>> {
  const read = async (name: string) => ((await area.getAttribute(name)) ?? '').split(',').map(Number);
  const log = (await area.getAttribute(`data-${which}-kind`)) === 'log';
  const scale = (log ? scaleLog() : scaleLinear()).domain(await read(`data-${which}-domain`)).range(await read(`data-${which}-range`));
  const keep = scale.tickFormat(count, '~s');
  return scale
    .ticks(count)
    .map((v): [number, string] => [scale(v) + 0.5, log && keep(v) === '' ? '' : formatAxisTick(v, unit)])
    .sort((a, b) => a[0] - b[0]);
}

test('the axes follow a zoom and a pan as d3 draws them, and a pan along x rewrites no label that stays', async ({ page }) => {
  await loadSample(page);
  const area = page.getByTestId('scatter-area');
  const xCount = Math.max(2, Math.floor((await area.boundingBox())!.width / 90));
  const expectD3 = async () => {
    for (const [which, count, unit] of [['x', xCount, 'days'], ['y', 6, 'money']] as const) {
      const shown = await shownTicks(page, which);
      const expected = await d3Ticks(area, which, count, unit);
      expect(shown.map(([, label]) => label), `${which} labels`).toEqual(expected.map(([, label]) => label));
      shown.forEach(([at], i) => expect(at, `${which} tick ${i}`).toBeCloseTo(expected[i]![0], 6));
    }
  };
  await expectD3();
  await area.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(area).toHaveAttribute('data-zoom', '1.5625');
  await expectD3();

  // A pan along x: the y axis is left as it is, and only the x ticks with new values get a label.
  const before = new Set((await shownTicks(page, 'x')).map(([, label]) => label));
  await page.evaluate(() => {
    const w = window as unknown as { __writes: { x: number; y: number } };
    w.__writes = { x: 0, y: 0 };
    for (const which of ['x', 'y'] as const) {
      new MutationObserver((records) => {
        // The y axis: any change at all. The x axis: labels written (a text's content replaced).
        w.__writes[which] += which === 'y' ? records.length : records.filter((r) => r.type === 'characterData' || (r.type === 'childList' && (r.target as Element).tagName === 'text')).length;
      }).observe(document.querySelector(`[data-testid="${which}-ticks"]`)!, { subtree: true, attributes: true, childList: true, characterData: true });
    }
  });
  const domain = await area.getAttribute('data-x-domain');
  await page.keyboard.press('ArrowRight');
  await expect(area).not.toHaveAttribute('data-x-domain', domain!);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expectD3();
  const after = (await shownTicks(page, 'x')).map(([, label]) => label);
  const fresh = after.filter((label) => !before.has(label)).length;
  expect(after.length - fresh, 'x ticks kept through the pan').toBeGreaterThan(0);
  const writes = await page.evaluate(() => (window as unknown as { __writes: { x: number; y: number } }).__writes);
  expect(writes.y).toBe(0);
  expect(writes.x).toBeLessThanOrEqual(fresh);
});

for (const [file, customers] of [['one-customer.csv', 1], ['same-revenue.csv', 6]] as const) {
  test(`${file}: visible points on sane axes`, async ({ page }) => {
    await page.goto('./');
    await page.getByTestId('file-input').setInputFiles(`test/fixtures/workspace/${file}`);
    const canvas = page.getByTestId('scatter-canvas');
    await expect(canvas).toHaveAttribute('data-marks', String(customers));
    expect(readNumber(await page.getByTestId('customers').innerText())).toBe(customers);
    const area = page.getByTestId('scatter-area');
    for (const which of ['x', 'y']) {
      const domain = ((await area.getAttribute(`data-${which}-domain`)) ?? '').split(',').map(Number);
      expect(domain.every(Number.isFinite), `${which} domain ${domain}`).toBe(true);
      expect(domain[0]).toBeLessThan(domain[1]);
    }
    // Every tick label is a number, with no SI sub-unit prefix.
    const ticks = await page.locator('.plot .tick text').allInnerTexts();
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks.filter(Boolean)) expect(t).toMatch(/^−?\d+(\.\d+)?(k|M|bn)?$/);
    // The points are on the canvas and inside it.
    await repainted(page, 0);
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThanOrEqual(4);
  });
}

test('no horizontal overflow from 1024 px, and the scatter in view at 1366 × 768 down to its x-axis title', async ({ page }) => {
  await loadSample(page);
  // The whole chart, down to the x-axis title, once the panels around it have filled in.
  await expect(page.getByTestId('scatter-legend')).toBeVisible();
  await expect.poll(async () => { const t = (await page.getByTestId('x-title').boundingBox())!; return t.y + t.height; }).toBeLessThanOrEqual(768);
  await expect(page.getByTestId('x-title')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('customers')).toBeInViewport();
  // The settings panel's cards are skipped while out of view once the last segment card is in
  // (they are rendered while they mount: see ExploreView's style).
  await expect(page.getByRole('heading', { name: 'Cross tab', exact: true })).toBeAttached();
  const notSkippable = () => page.evaluate(() => [...document.querySelectorAll('.side > *')].filter((c) => getComputedStyle(c).contentVisibility !== 'auto').length);
  await expect.poll(notSkippable).toBe(0);
  // A taller screen gives the points more room.
  const plotAt768 = (await page.getByTestId('scatter-area').boundingBox())!.height;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await page.getByTestId('scatter-area').boundingBox())!.height).toBeGreaterThan(plotAt768 + 200);
  await expect.poll(async () => { const t = (await page.getByTestId('x-title').boundingBox())!; return t.y + t.height; }).toBeLessThanOrEqual(1080);
  await page.setViewportSize({ width: 1366, height: 768 });
  // The header's Open… is a button like its neighbours.
  await expect(page.getByRole('banner').getByRole('button', { name: 'Open…' })).toBeVisible();
  // With a selection too: its table of every field scrolls inside its card.
  await page.getByTestId('scatter-legend').locator('tbody tr').first().getByRole('button', { name: /^Select / }).click();
  await expect(page.getByTestId('selected-table').getByTestId('sort-averageOrderValue')).toBeAttached();
  for (const width of [1024, 1280, 1366, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `at ${width} px`).toBe(0);
  }
});

test('each chart downloads as SVG and PNG; the SVG charts match their golden files on fixed data', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await page.getByTestId('file-input').setInputFiles('test/fixtures/small-shop.csv');
  await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/);
  const saved = async (testId: string) => {
    const file = page.waitForEvent('download');
    await page.getByTestId(testId).click();
    const download = await file;
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  };
  for (const chart of ['histogram', 'segment-bars', 'pareto']) {
    await page.getByTestId(`export-svg-${chart}`).scrollIntoViewIfNeeded();
    const svg = await saved(`export-svg-${chart}`);
    expect(svg.name).toBe(`${chart}.svg`);
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toMatchSnapshot(`${chart}.svg`);
    const png = await saved(`export-png-${chart}`);
    expect(png.name).toBe(`${chart}.png`);
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }
  // The scatter's points are a picture inside its SVG, under the axes.
  const scatter = (await saved('export-svg-scatter')).bytes.toString('utf8');
  expect(scatter).toContain('<image href="data:image/png;base64,');
  expect(scatter).toContain('Net revenue (log scale)');
  const png = await saved('export-png-scatter');
  expect(png.bytes.length).toBeGreaterThan(2000);
});
