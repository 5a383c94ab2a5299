import type { Segmentation } from './segmentations.ts';

const NICE = [1, 2, 2.5, 5, 10];

/**
 * Groups a numeric column (an attribute such as age) into at most `maxGroups` equal, round-
 * numbered ranges, so it can be cross-tabbed like a segmentation: ages 18..74 become 10–19,
 * 20–29, ..., 70–79. Whole numbers get closed labels ("20–29"), others half-open ones
 * ("20 to under 30"). Empty values (NaN) get no group (code -1).
 */
export function numberGroups(values: ArrayLike<number>, maxGroups = 8): Segmentation {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) integers = false;
  }
  const codes = new Int32Array(values.length).fill(-1);
  if (min === Infinity) return { codes, names: [] };
  // The smallest round step that covers the range in maxGroups groups.
  const raw = Math.max((max - min) / maxGroups, integers ? 1 : Number.EPSILON);
  let step = 0;
  for (let power = 10 ** Math.floor(Math.log10(raw)); step === 0; power *= 10) {
    for (const m of NICE) {
      const s = m * power;
      // Whole numbers get whole steps (no 2.5-year age bands).
      if (integers && !Number.isInteger(s)) continue;
      if (Math.floor(max / s) - Math.floor(min / s) + 1 <= maxGroups) {
        step = s;
        break;
      }
    }
  }
  const first = Math.floor(min / step) * step;
  const count = Math.floor((max - first) / step) + 1;
  const names = Array.from({ length: count }, (_, g) => {
    const lo = first + g * step;
    const hi = lo + step;
    if (integers) return step === 1 ? String(lo) : `${lo}–${hi - 1}`;
    return `${+lo.toPrecision(12)} to under ${+hi.toPrecision(12)}`;
  });
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) codes[i] = Math.min(count - 1, Math.floor((v - first) / step));
  }
  return { codes, names };
}
