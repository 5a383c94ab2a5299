/**
 * The intervals between the scatter's successive pictures on screen over a journey, the first from
 * its start, two ways:
 * - `all`: every interval;
 * - `owed`: the intervals during which a picture was owed. An interval with no display frame
 *   between its two pictures is always owed (a picture in each frame). An interval that skips
 *   frames is owed when, in one of the frames it skips, an input that moved the view had come
 *   after the earlier picture was asked for (so that picture could not show it) and no picture
 *   showed it yet. Only intervals that skip nothing but frames in which no input had asked for a
 *   new picture (say the frame after a pointerdown, which moves nothing) are left out; a late
 *   picture always counts, with the whole of its interval.
 * `frames`: the display frames' times (requestAnimationFrame); `inputs`: when each input was
 * dispatched, and `moves[i]` whether it moved the view; `pictures`: each picture's frame time
 * (`at`) and when it was asked for (`asked`), in order. All on the page's clock (ms).
 */
export function pictureIntervals({ from, frames, inputs, moves, pictures }) {
  const all = [];
  const owed = [];
  let before = { at: from, asked: -Infinity };
  for (const picture of pictures) {
    const interval = picture.at - before.at;
    all.push(interval);
    const skipped = frames.filter((f) => f > before.at && f < picture.at);
    const asked = before.asked;
    const waited = skipped.length === 0 || skipped.some((f) => inputs.some((t, i) => moves[i] && t > asked && t < f));
    if (waited) owed.push(interval);
    before = picture;
  }
  return { all, owed };
}
