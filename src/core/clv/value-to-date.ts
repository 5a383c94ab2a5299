/**
 * Acquisition cost per customer: one figure, per channel (by the customer's preferred channel),
 * or each customer's own from a number column of the customer attributes file.
 */
export interface AcquisitionCost {
  perCustomer: number;
  /** Channel name → cost; channels not listed cost `perCustomer`. */
  perChannel?: Record<string, number>;
  /**
   * A number column of the joined customer attributes file holding each customer's own cost;
   * a customer with no value there (no row, an empty cell) costs their channel's or `perCustomer`.
   */
  column?: string | null;
}

/**
 * Value to date per customer: gross margin = net revenue × margin (or, with `grossMargin` from a
 * cost column, net revenue − cost, as given), and value after acquisition cost = gross margin −
 * the customer's acquisition cost (their preferred channel's cost when one is set, else the
 * per-customer figure).
 */
export function valueToDate(
  monetary: ArrayLike<number>,
  margin: number,
  cost: AcquisitionCost,
  channel: { codes: ArrayLike<number>; names: readonly string[] } | null = null,
  grossMarginFromCost: ArrayLike<number> | null = null,
  ownCost: ArrayLike<number> | null = null,
): { grossMargin: Float64Array; afterAcquisition: Float64Array } {
  const n = monetary.length;
  const grossMargin = new Float64Array(n);
  const afterAcquisition = new Float64Array(n);
  const byCode = channel ? channel.names.map((name) => cost.perChannel?.[name] ?? cost.perCustomer) : [];
  for (let i = 0; i < n; i++) {
    grossMargin[i] = grossMarginFromCost ? grossMarginFromCost[i] : monetary[i] * margin;
    const code = channel ? channel.codes[i] : -1;
    const own = ownCost ? ownCost[i] : NaN;
    afterAcquisition[i] = grossMargin[i] - (Number.isFinite(own) ? own : code >= 0 ? byCode[code] : cost.perCustomer);
  }
  return { grossMargin, afterAcquisition };
}

/**
 * The margin as a share of net revenue that predicted CLV uses, and where it comes from: with a
 * cost column, the whole table's gross margin over its net revenue (one share for everyone: a
 * customer's own share swings wildly on a few lines, and a prediction should not inherit that);
 * else the margin setting. Falls back to the setting when the net revenue is not above 0.
 */
export function marginShare(
  monetary: ArrayLike<number>,
  setting: number,
  grossMarginFromCost: ArrayLike<number> | null,
): { source: 'cost' | 'setting'; share: number } {
  if (!grossMarginFromCost) return { source: 'setting', share: setting };
  let revenue = 0;
  let margin = 0;
  for (let i = 0; i < monetary.length; i++) {
    revenue += monetary[i];
    margin += grossMarginFromCost[i];
  }
  return revenue > 0 && Number.isFinite(margin) ? { source: 'cost', share: margin / revenue } : { source: 'setting', share: setting };
}

/** Pearson correlation of x and y; NaN with fewer than 2 points or no spread. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return n < 2 || sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** Customers in tiers by descending `value`: code 0 for the top `cuts[0]` share, 1 for the next `cuts[1]`, 2 for the rest. */
export function valueTiers(value: ArrayLike<number>, cuts: readonly [number, number]): Uint8Array {
  const n = value.length;
  const top = Math.round(n * cuts[0]);
  const middle = Math.round(n * (cuts[0] + cuts[1]));
  // Customers ranked by descending value, ties by row: the cut values come from a numeric sort
  // (no comparator), and customers equal to a cut value fill its tier in row order.
  const sorted = Float64Array.from(value).sort().reverse();
  const codes = new Uint8Array(n).fill(2);
  const fill = (code: number, count: number, from: number) => {
    if (count <= from) return;
    const cut = sorted[count - 1];
    let taken = 0;
    for (let i = 0; i < n; i++) if (codes[i] === 2 && value[i] > cut) taken++;
    for (let i = 0; i < n; i++) {
      if (codes[i] !== 2) continue;
      if (value[i] > cut || (value[i] === cut && taken < count - from)) {
        if (!(value[i] > cut)) taken++;
        codes[i] = code;
      }
    }
  };
  fill(0, top, 0);
  fill(1, middle, top);
  return codes;
}
