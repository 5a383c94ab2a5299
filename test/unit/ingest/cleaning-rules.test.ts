import { describe, expect, it } from 'vitest';
import { DUPLICATE, NON_POSITIVE_PRICE, NON_PRODUCT, RETURN, applyCleaning, defaultCleaning, markDuplicates } from '../../../src/core/ingest/cleaning-rules.ts';
import type { CleaningPolicy, Mapping } from '../../../src/core/index.ts';

const withPriceAndProduct: Mapping = { customer: 0, date: 1, order: 2, amount: null, quantity: 3, price: 4, product: 5, category: null, channel: null };
const amountOnly: Mapping = { ...withPriceAndProduct, amount: 3, quantity: null, price: null, product: null };

/** Made-up lines: flags as the parser sets them, amounts with some returns, some duplicates. */
function lines(n: number) {
  const flags = new Uint8Array(n);
  const amount = new Float64Array(n);
  // Each line's record number (the header is record 1).
  const row = (line: number) => line + 2;
  const duplicate = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    amount[i] = i % 7 === 3 ? -(i % 11) - 1 : (i % 13) + 0.25;
    if (i % 9 === 4) flags[i] |= NON_POSITIVE_PRICE;
    if (i % 10 === 6) flags[i] |= NON_PRODUCT;
    if (i % 17 === 8) flags[i] |= RETURN; // a cancelled order (C-prefix) with a positive amount
    duplicate[i] = i % 8 === 5 ? 1 : 0;
  }
  return { flags, amount, row, duplicate };
}

/** The rows marked 1, ascending, as markDuplicates takes them. */
const rowsOf = (marked: Uint8Array) => Int32Array.from(Array.from(marked.keys()).filter((i) => marked[i] === 1));

describe('applyCleaning', () => {
  it('counts each rule\'s lines, amount and first rows, and keeps what the policy keeps', () => {
    const n = 200;
    const policy: CleaningPolicy = { returns: 'exclude', duplicates: 'drop', nonPositivePrice: 'keep', nonProduct: 'exclude' };
    const { flags, amount, row, duplicate } = lines(n);
    const given = flags.slice();
    const out = applyCleaning(policy, withPriceAndProduct, [{ flags, amount }], row);
    expect(out.steps.find((s) => s.rule === 'duplicates')!.rows).toBe(0);
    markDuplicates(out, policy, [{ flags, amount }], row, rowsOf(duplicate));

    // The same, line by line, the long way.
    const bitsOf = (i: number) => given[i] | (duplicate[i] ? DUPLICATE : 0) | (amount[i] < 0 ? RETURN : 0);
    const expected = [
      { rule: 'returns', bit: RETURN, action: 'left out' },
      { rule: 'duplicates', bit: DUPLICATE, action: 'dropped' },
      { rule: 'nonPositivePrice', bit: NON_POSITIVE_PRICE, action: 'kept' },
      { rule: 'nonProduct', bit: NON_PRODUCT, action: 'left out' },
    ].map(({ rule, bit, action }) => {
      const hit = Array.from({ length: n }, (_, i) => i).filter((i) => bitsOf(i) & bit);
      return { rule, action, rows: hit.length, amount: hit.reduce((s, i) => s + amount[i], 0), examples: hit.slice(0, 5).map((i) => i + 2) };
    });
    expect(out.steps.map(({ label, ...step }) => step)).toEqual(expected);
    expect(out.steps.every((s) => s.rows > 5)).toBe(true);
    const keep = Array.from({ length: n }, (_, i) => ((bitsOf(i) & (RETURN | DUPLICATE | NON_PRODUCT)) === 0 ? 1 : 0));
    expect([...out.kept!]).toEqual(keep);
    expect(out.used).toBe(keep.filter((k) => k === 1).length);
    expect([...flags]).toEqual(Array.from({ length: n }, (_, i) => bitsOf(i)));
  });

  it('with returns flagged as read, gives the same report and lines kept, from the flags alone', () => {
    const n = 300;
    const policy: CleaningPolicy = { returns: 'exclude', duplicates: 'keep', nonPositivePrice: 'exclude', nonProduct: 'keep' };
    const { flags, amount, row } = lines(n);
    const plain = applyCleaning(policy, withPriceAndProduct, [{ flags: flags.slice(), amount }], row);
    // As the reader flags them: every negative amount a return.
    const read = flags.map((f, i) => (amount[i] < 0 ? f | RETURN : f));
    const flagged = [{ flags: read.slice(), amount }];
    expect(applyCleaning(policy, withPriceAndProduct, flagged, row, true)).toEqual(plain);
    expect(flagged[0].flags).toEqual(read);
    // The flags are taken at their word: a negative amount they do not mark is not read.
    const unmarked = applyCleaning(policy, withPriceAndProduct, [{ flags: flags.slice(), amount }], row, true);
    expect(unmarked.steps.find((s) => s.rule === 'returns')!.rows).toBeLessThan(plain.steps.find((s) => s.rule === 'returns')!.rows);
  });

  it('reports only the rules the mapped columns allow, and keeps everything the default policy nets or keeps', () => {
    const { flags, amount, row } = lines(50);
    const out = applyCleaning(defaultCleaning(amountOnly), amountOnly, [{ flags: flags.fill(0), amount }], row);
    expect(out.steps.map((s) => s.rule)).toEqual(['returns', 'duplicates']);
    expect(out.steps[0].action).toBe('netted against the customer');
    expect(out.used).toBe(50);
  });

  it('marks no line when the policy keeps every line, and marks the lines kept once a duplicate is dropped', () => {
    const { flags, amount, row, duplicate } = lines(120);
    const keepAll: CleaningPolicy = { returns: 'net', duplicates: 'keep', nonPositivePrice: 'keep', nonProduct: 'keep' };
    const all = applyCleaning(keepAll, withPriceAndProduct, [{ flags: flags.slice(), amount }], row);
    expect(all.kept).toBeNull();
    expect(all.used).toBe(120);
    // Duplicates dropped, nothing else left out: the marks are made for the duplicates.
    const dropOnly: CleaningPolicy = { ...keepAll, duplicates: 'drop' };
    const runs = [{ flags: flags.slice(0, 50), amount: amount.subarray(0, 50) }, { flags: flags.slice(50), amount: amount.subarray(50) }];
    const out = applyCleaning(dropOnly, withPriceAndProduct, runs, row);
    expect(out.kept).toBeNull();
    markDuplicates(out, dropOnly, runs, row, rowsOf(duplicate));
    expect([...out.kept!]).toEqual(Array.from(duplicate, (d) => 1 - d));
    expect(out.used).toBe(120 - rowsOf(duplicate).length);
    // No duplicate found: still no mark.
    const none = applyCleaning(dropOnly, withPriceAndProduct, [{ flags: flags.slice(), amount }], row);
    markDuplicates(none, dropOnly, [{ flags: flags.slice(), amount }], row, new Int32Array(0));
    expect(none.kept).toBeNull();
  });

  it('keeps the duplicates when the policy keeps them, counted all the same', () => {
    const policy: CleaningPolicy = { returns: 'net', duplicates: 'keep', nonPositivePrice: 'keep', nonProduct: 'keep' };
    const { flags, amount, row, duplicate } = lines(300);
    const out = applyCleaning(policy, withPriceAndProduct, [{ flags, amount }], row);
    const used = out.used;
    markDuplicates(out, policy, [{ flags, amount }], row, rowsOf(duplicate));
    const marked = Array.from(duplicate, (d, i) => i).filter((i) => duplicate[i]);
    expect(out.used).toBe(used);
    expect(out.steps.find((s) => s.rule === 'duplicates')).toMatchObject({ action: 'kept', rows: marked.length, examples: marked.slice(0, 5).map((i) => i + 2) });
    expect(marked.every((i) => flags[i] & DUPLICATE)).toBe(true);
  });

  it('drops identical rows by default only when a product column tells lines apart', () => {
    expect(defaultCleaning({ product: null }).duplicates).toBe('keep');
    expect(defaultCleaning({ product: 2 }).duplicates).toBe('drop');
    expect(defaultCleaning({ product: null })).toMatchObject({ returns: 'net', nonPositivePrice: 'exclude', nonProduct: 'keep' });
  });
});
