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

/** The entries of `col` where `mask` is 1 (`count` of them); the column itself when all are. */
export function filter<T extends Int32Array | Float64Array | Uint8Array>(col: T, mask: Uint8Array, count: number): T {
  if (count === col.length) return col;
  const out = new (col.constructor as { new (n: number): T })(count);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) out[j++] = col[i];
  return out;
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
