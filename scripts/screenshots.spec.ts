// Refreshes the README screenshot from the real built app: `npm run screenshots`.
// It runs under Playwright (which runs TypeScript) but is not part of the test suite.
import { test } from '@playwright/test';

test('README screenshot: the sample data loaded', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 1100 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  const canvas = page.getByTestId('scatter-canvas');
  await canvas.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="scatter-canvas"]')?.getAttribute('data-marks')) > 0);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.18, box.y + box.height * 0.35);
  await page.waitForTimeout(200);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
});
