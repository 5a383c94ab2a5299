import { describe, expect, it } from 'vitest';
import { formatNumber, neutraliseFormula, quoteField, textCell } from '../../../src/core/export/csv-cell.ts';

describe('neutraliseFormula(text)', () => {
  it('prefixes a single quote to text a spreadsheet would run as a formula', () => {
    expect(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'].map(neutraliseFormula)).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@cmd", "'\tx", "'\rx"]);
  });

  it('leaves other text alone, including those characters later in the text', () => {
    expect(['abc', 'a=b', ' =x', '', "'quoted"].map(neutraliseFormula)).toEqual(['abc', 'a=b', ' =x', '', "'quoted"]);
  });
});

describe('quoteField(text, delimiter)', () => {
  it('quotes fields with the delimiter, quotes, CR or LF, doubling inner quotes', () => {
    expect(['a,b', 'say "hi"', 'two\nlines', 'cr\r', 'plain'].map((t) => quoteField(t))).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"', 'plain']);
  });

  it('quotes for the delimiter in use only', () => {
    expect([quoteField('a,b', ';'), quoteField('a;b', ';')]).toEqual(['a,b', '"a;b"']);
  });
});

describe('textCell(text, delimiter)', () => {
  it('neutralises before quoting, so the quote prefix sits inside the quotes', () => {
    expect(textCell('=1,2')).toBe('"\'=1,2"');
  });
});

describe('formatNumber(x, decimals)', () => {
  it('writes numbers plainly: "." decimal, no separators, no exponent', () => {
    expect([1234567.5, -5.2, 0, -0, 42, 1e-7, 1e21].map((x) => formatNumber(x))).toEqual(['1234567.5', '-5.2', '0', '0', '42', '0.0000001', '1000000000000000000000']);
  });

  it('rounds money to 2 decimals half away from zero on the decimal form', () => {
    expect([1.005, -1.005, 2.675, 1234.5, -5.2, -0.001, 0.004999].map((x) => formatNumber(x, 2))).toEqual(['1.01', '-1.01', '2.68', '1234.50', '-5.20', '0.00', '0.00']);
  });

  it('rounds exactly as the decimal form does across many amounts, ties included', () => {
    // Reference: shift the shortest decimal text by 2 places and round half away from zero.
    const reference = (x: number) => {
      const units = Math.round(Number(`${Math.abs(x)}e2`));
      return units === 0 ? '0.00' : `${x < 0 ? '-' : ''}${Math.floor(units / 100)}.${String(units % 100).padStart(2, '0')}`;
    };
    let seed = 12345;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 16807) % 2147483647;
      // Amounts with 3 decimals hit the .xx5 ties; signs alternate; up to 10 million.
      const x = ((i % 2 ? -1 : 1) * (seed % 10_000_000_000)) / 1000;
      expect(formatNumber(x, 2)).toBe(reference(x));
    }
  });

  it('writes NaN and infinities as an empty cell', () => {
    expect([NaN, Infinity, -Infinity].map((x) => formatNumber(x, 2))).toEqual(['', '', '']);
  });
});
