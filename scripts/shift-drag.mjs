// The Shift+drag (a brush on the scatter) as the mouse makes it, shared by the e2e tests, the
// README screenshot and the benchmark.

/**
 * Holds Shift and drags from (fx0, fy0) to (fx1, fy1), fractions of `box` (the plot area's
 * bounding box), in `steps` mouse moves.
 * @param {import('@playwright/test').Page} page
 * @param {{ x: number, y: number, width: number, height: number }} box
 * @param {[number, number, number, number]} fractions fx0, fy0, fx1, fy1
 * @param {number} [steps]
 */
export async function shiftDrag(page, box, [fx0, fy0, fx1, fy1], steps = 5) {
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + fx0 * box.width, box.y + fy0 * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + fx1 * box.width, box.y + fy1 * box.height, { steps });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

/**
 * Holds Alt and draws a lasso through `points` (fractions of `box`), from the first back to
 * the last, `steps` mouse moves per side.
 * @param {import('@playwright/test').Page} page
 * @param {{ x: number, y: number, width: number, height: number }} box
 * @param {[number, number][]} points
 * @param {number} [steps]
 */
export async function altLasso(page, box, points, steps = 8) {
  const [[fx0, fy0], ...rest] = points;
  await page.keyboard.down('Alt');
  await page.mouse.move(box.x + box.width * fx0, box.y + box.height * fy0);
  await page.mouse.down();
  for (const [fx, fy] of rest) await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy, { steps });
  await page.mouse.up();
  await page.keyboard.up('Alt');
}
