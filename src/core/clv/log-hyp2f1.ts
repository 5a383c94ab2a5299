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

/**
 * {@link logHyp2f1Shifted} and its partial derivatives in a, b and z, summed in the same pass:
 * each term t_k = Π_{j<k} (a + 1 − b + j)/(a + 1 + j) · z carries d ln t_k as running sums of
 * reciprocals (and k/z for z), so the derivative series need no second loop. Their terms fall like
 * k·t_k, so the stop waits for the tail bound times k as well.
 *
 * @param out receives [ln ₂F₁, ∂/∂a, ∂/∂b, ∂/∂z]; all NaN when the series has not converged in `maxTerms` terms.
 */
export function logHyp2f1ShiftedGradient(a: number, b: number, z: number, out: Float64Array, maxTerms = MAX_TERMS): void {
  const c = a + 1;
  const bb = c - b;
  const log1mz = Math.log1p(-z);
  if (z === 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    // d/dz at 0: the first term's (bb/c) plus (b − 1) from (1 − z)^(1−b).
    out[3] = bb / c + b - 1;
    return;
  }
  let term = 1;
  let sum = 1;
  // Σ t_k · d ln t_k / d bb, / d c, and Σ k·t_k (for z).
  let sBB = 0;
  let sC = 0;
  let sK = 0;
  let dBB = 0;
  let dC = 0;
  const tail = z / (1 - z);
  const slow = 1 / bb + 1 / (1 - z);
  for (let k = 0; k < maxTerms; k++) {
    dBB += 1 / (bb + k);
    dC -= 1 / (c + k);
    term *= ((bb + k) / (c + k)) * z;
    sum += term;
    sBB += term * dBB;
    sC += term * dC;
    sK += term * (k + 1);
    if (term * tail * (k + 1 + slow) < sum * 1e-17) {
      // ln F = (1 − b) ln(1 − z) + ln S, with S's c = a + 1 and bb = a + 1 − b.
      out[0] = (1 - b) * log1mz + Math.log(sum);
      out[1] = (sBB + sC) / sum;
      out[2] = -log1mz - sBB / sum;
      out[3] = (b - 1) / (1 - z) + sK / (z * sum);
      return;
    }
  }
  out.fill(NaN);
}
