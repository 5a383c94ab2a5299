import type { CleaningPolicy, CleaningStep, Mapping } from '../types.ts';

/** The cleaning rules as they apply until the analyst changes them. */
export const DEFAULT_CLEANING: CleaningPolicy = { returns: 'net', duplicates: 'drop', nonPositivePrice: 'exclude', nonProduct: 'keep' };

/** Bits of the per-row flags: which cleaning rules a line falls under. */
export const RETURN = 1;
export const DUPLICATE = 2;
export const NON_POSITIVE_PRICE = 4;
export const NON_PRODUCT = 8;

const RULES: Array<{ rule: CleaningStep['rule']; bit: number; label: string }> = [
  { rule: 'returns', bit: RETURN, label: 'Returns and cancellations (negative amount, or an order id starting with C and a digit)' },
  { rule: 'duplicates', bit: DUPLICATE, label: 'Exact duplicate rows (identical to an earlier row in every column)' },
  { rule: 'nonPositivePrice', bit: NON_POSITIVE_PRICE, label: 'Unit price of zero or below (free items, adjustments)' },
  { rule: 'nonProduct', bit: NON_PRODUCT, label: 'Non-product lines (product code without a digit: postage, fees, manual entries)' },
];

/** The flag bits the policy leaves out of the analysis. */
export function excludedBits(policy: CleaningPolicy): number {
  return (
    (policy.returns === 'exclude' ? RETURN : 0) |
    (policy.duplicates === 'drop' ? DUPLICATE : 0) |
    (policy.nonPositivePrice === 'exclude' ? NON_POSITIVE_PRICE : 0) |
    (policy.nonProduct === 'exclude' ? NON_PRODUCT : 0)
  );
}

/** What each rule that applies to this file found and did (price and product rules need those columns). */
export function cleaningSteps(policy: CleaningPolicy, mapping: Mapping, flags: Uint8Array, amount: Float64Array, row: Int32Array): CleaningStep[] {
  return RULES.filter((r) => r.rule !== 'nonProduct' || mapping.product !== null)
    .filter((r) => r.rule !== 'nonPositivePrice' || mapping.price !== null)
    .map((r) => cleaningStep(r, policy, flags, amount, row));
}

type Column = Int32Array | Float64Array | Uint8Array;

/**
 * Keeps the entries where `mask` is 1 (`count` of them) by moving them to the front of each
 * column, in place, and returns the column cut to `count` (a view): with millions of rows, new
 * arrays for every column cost more in fresh memory than the copying itself. The column comes
 * back as it is when every entry is kept. Each column may go through once.
 */
export function compaction(mask: Uint8Array, count: number): <T extends Column>(col: T) => T {
  return <T extends Column>(col: T): T => {
    if (count === col.length) return col;
    // One loop per array type: a loop shared by all three goes polymorphic and runs far slower.
    if (col instanceof Float64Array) compactFloat64(col, mask);
    else if (col instanceof Int32Array) compactInt32(col, mask);
    else compactUint8(col as Uint8Array, mask);
    return col.subarray(0, count) as T;
  };
}

function compactFloat64(col: Float64Array, mask: Uint8Array): void {
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) col[j++] = col[i];
}

function compactInt32(col: Int32Array, mask: Uint8Array): void {
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) col[j++] = col[i];
}

function compactUint8(col: Uint8Array, mask: Uint8Array): void {
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) col[j++] = col[i];
}

function cleaningStep(
  r: (typeof RULES)[number],
  policy: CleaningPolicy,
  flags: Uint8Array,
  amount: Float64Array,
  row: Int32Array,
): CleaningStep {
  let rows = 0;
  let total = 0;
  const examples: number[] = [];
  for (let i = 0; i < flags.length; i++) {
    if ((flags[i] & r.bit) === 0) continue;
    rows++;
    total += amount[i];
    if (examples.length < 5) examples.push(row[i]);
  }
  const choice = policy[r.rule];
  const action = choice === 'net' ? 'netted against the customer' : choice === 'keep' ? 'kept' : choice === 'drop' ? 'dropped' : 'left out';
  return { rule: r.rule, label: r.label, action, rows, amount: total, examples };
}
