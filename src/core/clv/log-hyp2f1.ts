/** The most series terms before giving up (reached only for z very near 1). */
const MAX_TERMS = 20_000;
const BIG = 1e250;
const LOG_BIG = Math.log(BIG);

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, by its power series summed with rescaling:
 * the terms of a customer with hundreds of purchases pass 1e300 before they fall, where a plain
 * sum (scipy's `hyp2f1` in peers' Pareto/NBD code) overflows to Infinity.
 *
 * @param maxTerms the most terms to sum: likelihoods pass a small number, so a search that wanders
 *   to z near 1 (parameters with no dropout) gets NaN quickly and steps back, instead of hanging.
 * @returns NaN when the series has not converged in `maxTerms` terms.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, maxTerms = MAX_TERMS): number {
  if (z === 0) return 0;
  let term = 1;
  let sum = 1;
  let offset = 0;
  for (let k = 0; k < maxTerms; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (sum > BIG) {
      sum /= BIG;
      term /= BIG;
      offset += LOG_BIG;
    }
    // Past the peak the terms fall at least geometrically (ratio → z).
    if (term < sum * 1e-17 && (a + k) * (b + k) * z < (c + k) * (k + 1)) return Math.log(sum) + offset;
  }
  return NaN;
}

/**
 * ln ₂F₁(a, b; a + 1; z) for 0 < b < a + 1 and 0 ≤ z < 1: the form in the Pareto/NBD likelihood. By
 * Euler's transformation it is (1 − z)^(1−b) · ₂F₁(1, a + 1 − b; a + 1; z), whose terms fall
 * from the first one on (each ratio (a + 1 − b + k)/(a + 1 + k) · z is below z): no peak to
 * overflow however large b (a customer's purchase count) is, and a tail bounded by
 * term · z/(1 − z), which is where the sum stops.
 *
 * @returns NaN when that bound is not met in `maxTerms` terms (z very near 1).
 */
export function logHyp2f1Shifted(a: number, b: number, z: number, maxTerms = MAX_TERMS): number {
  if (z === 0) return 0;
  const c = a + 1;
  const bb = c - b;
  let term = 1;
  let sum = 1;
  const tail = z / (1 - z);
  for (let k = 0; k < maxTerms; k++) {
    term *= ((bb + k) / (c + k)) * z;
    sum += term;
    if (term * tail < sum * 1e-17) return (1 - b) * Math.log1p(-z) + Math.log(sum);
  }
  return NaN;
}
