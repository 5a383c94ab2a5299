const G = 7;
const C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). Stays finite where
 * Γ overflows (z > 171), which the likelihoods need for customers with many purchases.
 */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const w = z - 1;
  let a = C[0];
  const t = w + G + 0.5;
  for (let i = 1; i < 9; i++) a += C[i] / (w + i);
  return HALF_LOG_2PI + (w + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * ln Γ(c + k) − ln Γ(c) for k = 0..kMax, as a running sum of ln(c + j): exact to rounding for
 * the integer repeat counts the models see, and one logarithm per entry.
 */
export function logRisingTable(c: number, kMax: number): Float64Array {
  const out = new Float64Array(kMax + 1);
  for (let k = 1; k <= kMax; k++) out[k] = out[k - 1] + Math.log(c + k - 1);
  return out;
}

/**
 * ψ(z) = d ln Γ(z) / dz for z > 0: the recurrence ψ(z) = ψ(z + 1) − 1/z up to z ≥ 10, then the
 * asymptotic series (its next term is below 1e-13 there).
 */
export function digamma(z: number): number {
  let shift = 0;
  while (z < 10) {
    shift -= 1 / z;
    z += 1;
  }
  const inv2 = 1 / (z * z);
  return shift + Math.log(z) - 0.5 / z - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
}
