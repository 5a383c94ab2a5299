import { describe, expect, it } from 'vitest';
import { COMMA_DECIMAL, POINT_DECIMAL, numberRead, readNumberBytes, type NumberStyle } from '../../../../src/core/ingest/bytes/parse-number-bytes.ts';

/** The number readNumberBytes reads from bytes[start, end). */
const parseNumberBytes = (bytes: Uint8Array, start: number, end: number, style: NumberStyle): number => {
  readNumberBytes(bytes, start, end, style);
  return numberRead[0];
};

const read = (text: string, style: NumberStyle = POINT_DECIMAL) => {
  const b = new TextEncoder().encode(text);
  return parseNumberBytes(b, 0, b.length, style);
};

describe('readNumberBytes', () => {
  it('gives exactly what Number() gives for plain decimals', () => {
    for (const s of ['0', '12', '-3.50', '+7', '0.1', '1234.56', '.5', '7.', '999999999999999', '0.30000000000000004', '1e3', '-2.5E-3']) {
      expect(read(s)).toBe(Number(s));
    }
  });

  it('reads a number past the range of a double as unreadable, not as Infinity (found by the fuzz run)', () => {
    for (const s of ['1e309', '50.001e309', '381e3092', '-1e400', '9'.repeat(400)]) expect(read(s)).toBeNaN();
    expect(read('1e308')).toBe(1e308);
    expect(read('1e-400')).toBe(0);
  });

  it('reads thousands separators only in groups of three', () => {
    expect(read('1,234.56')).toBe(1234.56);
    expect(read('1,234,567')).toBe(1234567);
    expect(read('12,34')).toBeNaN();
    expect(read('1,2345')).toBeNaN();
  });

  it('reads decimal commas with point thousands', () => {
    expect(read('1.234,56', COMMA_DECIMAL)).toBe(1234.56);
    expect(read('-34,5', COMMA_DECIMAL)).toBe(-34.5);
    expect(read('0,99', COMMA_DECIMAL)).toBe(0.99);
  });

  it('strips currency symbols and codes on either side', () => {
    expect(read('$12.50')).toBe(12.5);
    expect(read('£12.50')).toBe(12.5);
    expect(read('12,00 €', COMMA_DECIMAL)).toBe(12);
    expect(read('EUR 99.90')).toBe(99.9);
    expect(read('99.90 USD')).toBe(99.9);
    expect(read('-$5')).toBe(-5);
    expect(read('$-5')).toBe(-5);
  });

  it('reads Windows-1252 currency bytes', () => {
    expect(parseNumberBytes(Uint8Array.of(0xa3, 0x35), 0, 2, POINT_DECIMAL)).toBe(5);
    expect(parseNumberBytes(Uint8Array.of(0x80, 0x35), 0, 2, POINT_DECIMAL)).toBe(5);
  });

  it('reads accounting negatives and trailing minus signs', () => {
    expect(read('(1,234.50)')).toBe(-1234.5);
    expect(read('(5,00)', COMMA_DECIMAL)).toBe(-5);
    expect(read('12.50-')).toBe(-12.5);
  });

  it('gives NaN for text, empty cells and two decimal marks', () => {
    for (const s of ['', '  ', 'abc', 'n/a', '1.2.3', '12abc', '$', '--5', '0x1F']) expect(read(s)).toBeNaN();
  });

  it('ignores blanks around the number', () => {
    expect(read('  42 ')).toBe(42);
    expect(read('\t42')).toBe(42);
  });

  it('leaves each number readNumberBytes reads in numberRead, NaN for an unreadable cell after a readable one', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const good = bytes('12.5');
    // One of each way out: blank, sign only, a letter, a bad thousands group, no digits, an
    // exponent past a double, a long number past a double.
    for (const s of ['', '-', '12abc', '1,2345', '$', '1e309', '9'.repeat(400), '(', '12,34']) {
      readNumberBytes(good, 0, good.length, POINT_DECIMAL);
      expect(numberRead[0]).toBe(12.5);
      const b = bytes(s);
      readNumberBytes(b, 0, b.length, POINT_DECIMAL);
      expect(numberRead[0], s).toBeNaN();
    }
    for (const s of ['0', '-3.50', '1,234.56', '(1,234.50)', '€ 5', '2.5E-3', '1234567890123456789']) {
      const b = bytes(s);
      readNumberBytes(b, 0, b.length, POINT_DECIMAL);
      expect(numberRead[0], s).toBe(read(s));
      expect(numberRead[0], s).not.toBeNaN();
    }
  });
});
