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
