/** The most series terms before giving up (only reached for z within 1e-4 of 1). */
const MAX_TERMS = 200_000;
const BIG = 1e250;
const LOG_BIG = Math.log(BIG);

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, by its power series summed with rescaling:
 * the terms of a customer with hundreds of purchases pass 1e300 before they fall, where a plain
 * sum (scipy's `hyp2f1` in peers' Pareto/NBD code) overflows to Infinity.
 *
 * @returns NaN when the series has not converged in 200,000 terms.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  let term = 1;
  let sum = 1;
  let offset = 0;
  for (let k = 0; k < MAX_TERMS; k++) {
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
