// Refreshes the README screenshots from the real built app: `npm run screenshots`.
// It runs under Playwright (which runs TypeScript) but is not part of the test suite.
import { test } from '@playwright/test';
import { shiftDrag } from './shift-drag.mjs';

test('README screenshots: the workspace with the sample data and a selection, and that selection in the linked views', async ({ page }) => {
  // A laptop screen: the scatter in the centre, the settings beside it.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  const canvas = page.getByTestId('scatter-canvas');
  await canvas.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="scatter-canvas"]')?.getAttribute('data-marks')) > 0);
  await page.getByTestId('colour-by').selectOption({ label: 'RFM segment' });
  await page.waitForTimeout(500);
  // A Shift+drag over the recent, high-spending customers: the rest turn grey.
  const area = page.getByTestId('scatter-area');
  const box = (await area.boundingBox())!;
  await shiftDrag(page, box, [0.02, 0.08, 0.3, 0.45]);
  await page.waitForTimeout(800);
  await page.mouse.move(box.x + box.width * 0.12, box.y + box.height * 0.3);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: false });

  // The same selection in the linked views of the side panel: segment bars and the Pareto curve.
  const sizes = page.locator('section[aria-labelledby="sizes-title"]');
  await sizes.scrollIntoViewIfNeeded();
  await sizes.getByTestId('pareto-selected').waitFor();
  await page.mouse.move(0, 0);
  await sizes.screenshot({ path: 'docs/linked-views.png' });
});
