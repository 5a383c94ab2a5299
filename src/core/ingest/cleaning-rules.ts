import type { CleaningPolicy, CleaningStep, Mapping } from '../types.ts';
import { fromMoneyUnits, moneyUnits } from '../metrics/money.ts';

/**
 * The cleaning rules as they apply to a file with this mapping until the analyst changes them.
 * Identical rows are evidence of duplication only when the file tells its lines apart: with a
 * product column, two identical rows are the same product twice; without one, a per-line export
 * with only order, customer, date and total has identical rows for different products of equal
 * total, so they are kept.
 */
export function defaultCleaning(mapping: Pick<Mapping, 'product'>): CleaningPolicy {
  return { returns: 'net', duplicates: mapping.product === null ? 'keep' : 'drop', nonPositivePrice: 'exclude', nonProduct: 'keep' };
}

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

/** A run of lines: their flags (completed in place) and amounts. */
export interface FlaggedLines {
  flags: Uint8Array;
  amount: Float64Array;
}

/** What the cleaning rules did to the lines: the report, and the lines kept. */
export interface Cleaning {
  /** What each rule that applies to this file found and did (price and product rules need those columns). */
  steps: CleaningStep[];
  /**
   * 1 for each line the policy keeps; null when it keeps every line (usually: the default policy
   * leaves out no line of a file without a price or product column), so no mark is written.
   */
  kept: Uint8Array | null;
  /** How many lines are kept. */
  used: number;
}

/**
 * Applies the cleaning rules but duplicates (see {@link markDuplicates}) in one pass over the
 * lines: completes each line's flags (a negative amount is a return), counts the lines and amount
 * each rule finds with the first row numbers as examples, and picks the lines the policy keeps.
 * Most lines fall under no rule and cost one test. The lines come in runs, in order (a file read
 * in parts has one per part), numbered across them.
 *
 * `returnsFlagged`: every line with a negative amount is flagged {@link RETURN} already (the
 * reader marks them as it reads), so the amounts are read only for flagged lines. Read for every
 * line, they were 8 bytes a line (40 MB at 5M lines) read before the first answer for one test.
 */
export function applyCleaning(policy: CleaningPolicy, mapping: Mapping, runs: ReadonlyArray<FlaggedLines>, recordOf: (line: number) => number, returnsFlagged = false): Cleaning {
  const rules = RULES.filter((r) => (r.rule !== 'nonProduct' || mapping.product !== null) && (r.rule !== 'nonPositivePrice' || mapping.price !== null));
  const bits = rules.map((r) => r.bit);
  const rows = new Float64Array(rules.length);
  const totals = new Float64Array(rules.length);
  const examples = rules.map((): number[] => []);
  const excluded = excludedBits(policy);
  const lines = runs.reduce((n, r) => n + r.flags.length, 0);
  let left = 0;
  let at = 0;
  for (const { flags, amount } of runs) {
    const n = flags.length;
    for (let i = 0; i < n; i++) {
      let f = flags[i];
      if (!returnsFlagged && amount[i] < 0) f |= RETURN;
      if (f === 0) continue;
      if ((f & excluded) !== 0) left++;
      flags[i] = f;
      for (let r = 0; r < bits.length; r++) {
        if ((f & bits[r]) === 0) continue;
        rows[r]++;
        totals[r] += moneyUnits(amount[i]);
        if (examples[r].length < 5) examples[r].push(recordOf(at + i));
      }
    }
    at += n;
  }
  const steps = rules.map((r, k): CleaningStep => {
    return { rule: r.rule, label: r.label, action: cleaningAction(policy[r.rule]), rows: rows[k], amount: fromMoneyUnits(totals[k]), examples: examples[k] };
  });
  return { steps, kept: left === 0 ? null : keptBy(runs, lines, excluded), used: lines - left };
}

/** 1 for each line none of whose flags is in `excluded`. */
function keptBy(runs: ReadonlyArray<FlaggedLines>, lines: number, excluded: number): Uint8Array {
  const kept = new Uint8Array(lines);
  let at = 0;
  for (const { flags } of runs) {
    for (let i = 0; i < flags.length; i++) kept[at + i] = (flags[i] & excluded) === 0 ? 1 : 0;
    at += flags.length;
  }
  return kept;
}

/**
 * Adds the duplicates (`duplicates`: the lines that repeat an earlier line, ascending) to what
 * {@link applyCleaning} did: marks their flags, counts them for the report, and leaves them out
 * of `cleaning.kept` when the policy drops them. A step of its own because duplicates are found
 * in another worker while the other rules are applied (and, when duplicates are kept, the
 * customer table is made).
 */
export function markDuplicates(cleaning: Cleaning, policy: CleaningPolicy, runs: ReadonlyArray<FlaggedLines>, recordOf: (line: number) => number, duplicates: Int32Array): void {
  const step = cleaning.steps.find((s) => s.rule === 'duplicates')!;
  const drop = policy.duplicates === 'drop';
  let total = moneyUnits(step.amount);
  const kept = drop && duplicates.length > 0 ? (cleaning.kept ??= keptBy(runs, runs.reduce((n, r) => n + r.flags.length, 0), 0)) : null;
  let run = 0;
  let at = 0;
  for (const line of duplicates) {
    while (line >= at + runs[run].flags.length) at += runs[run++].flags.length;
    const { flags, amount } = runs[run];
    const i = line - at;
    flags[i] |= DUPLICATE;
    step.rows++;
    total += moneyUnits(amount[i]);
    if (step.examples.length < 5) step.examples.push(recordOf(line));
    if (kept !== null && kept[line] === 1) {
      kept[line] = 0;
      cleaning.used--;
    }
  }
  step.amount = fromMoneyUnits(total);
}

/** What a rule's choice does to its lines, in words (a {@link CleaningStep}'s action). */
export function cleaningAction(choice: CleaningPolicy[keyof CleaningPolicy]): string {
  return choice === 'net' ? 'netted against the customer' : choice === 'keep' ? 'kept' : choice === 'drop' ? 'dropped' : 'left out';
}

type Column = Int32Array | Float64Array | Uint8Array | Int16Array | Int8Array;

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
    else if (col instanceof Int16Array) compactInt16(col, mask);
    else if (col instanceof Int8Array) compactInt8(col, mask);
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

function compactInt16(col: Int16Array, mask: Uint8Array): void {
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) col[j++] = col[i];
}

function compactInt8(col: Int8Array, mask: Uint8Array): void {
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) col[j++] = col[i];
}

function compactUint8(col: Uint8Array, mask: Uint8Array): void {
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) col[j++] = col[i];
}
