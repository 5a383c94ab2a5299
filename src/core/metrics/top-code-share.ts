import type { CodeColumn } from '../types.ts';

/** Per customer, the code (channel, category) with the most purchase revenue. */
export interface TopCodeShare {
  /** The code with the most purchase revenue, the lower code on a tie; -1 when no line has a code. */
  top: Int32Array;
  /** That code's part of the customer's purchase revenue (all purchase lines, coded or not); NaN when `top` is -1. */
  share: Float64Array;
  /** Distinct codes on the customer's purchase lines. */
  distinct: Uint32Array;
}

/**
 * For each customer-table row, sums purchase revenue per code over the row's purchase lines
 * (entries `start[r] .. start[r + 1] - 1` of `codes` and `amounts`, grouped by
 * {@link groupPurchaseLines}) and keeps the largest. Lines with code -1 count in the revenue but
 * for no code.
 *
 * One scratch sum per code is shared by all customers and reset lazily with a stamp, so the cost
 * is O(lines + codes) however many codes there are.
 *
 * @param codeCount number of codes (the length of the names dictionary); codes must be below it.
 */
export function topCodeShare(start: Int32Array, codes: CodeColumn, amounts: Float64Array, codeCount: number): TopCodeShare {
  const n = start.length - 1;
  const top = new Int32Array(n).fill(-1);
  const share = new Float64Array(n).fill(NaN);
  const distinct = new Uint32Array(n);
  const sum = new Float64Array(codeCount);
  const stamp = new Int32Array(codeCount).fill(-1);
  for (let r = 0; r < n; r++) {
    let total = 0;
    let best = -1;
    let bestSum = 0;
    let kinds = 0;
    for (let k = start[r]; k < start[r + 1]; k++) {
      const a = amounts[k];
      total += a;
      const c = codes[k];
      if (c < 0) continue;
      if (c >= codeCount) throw new Error(`topCodeShare: code ${c} is out of range: there are ${codeCount} names`);
      if (stamp[c] !== r) {
        stamp[c] = r;
        sum[c] = 0;
        kinds++;
      }
      const s = (sum[c] += a);
      // Sums only grow (purchase lines are > 0), so a running maximum ends at the true maximum,
      // and a code reaching the leader's sum takes the lead only if it is lower.
      if (s > bestSum || (s === bestSum && c < best) || best === -1) {
        best = c;
        bestSum = s;
      }
    }
    distinct[r] = kinds;
    if (best >= 0) {
      top[r] = best;
      share[r] = bestSum / total;
    }
  }
  return { top, share, distinct };
}
