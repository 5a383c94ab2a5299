import { describe, expect, it } from 'vitest';
import { normalizeCustomerId, parseAmount } from '../../../src/core/index.ts';

describe('parseAmount', () => {
  it('reads plain decimal numbers', () => {
    expect(parseAmount('12')).toBe(12);
    expect(parseAmount(' -3.50 ')).toBe(-3.5);
    expect(parseAmount('+.5')).toBe(0.5);
    expect(parseAmount('1e3')).toBe(1000);
    expect(parseAmount('7.')).toBe(7);
  });

  it('gives NaN for empty cells, text and hex that Number() would accept', () => {
    for (const s of ['', ' ', 'abc', '0x1F', '12abc', '1,5', 'Infinity', '--1']) expect(parseAmount(s)).toBeNaN();
  });
});

describe('normalizeCustomerId', () => {
  it('undoes float formatting of integer ids', () => {
    expect(normalizeCustomerId('17850.0')).toBe('17850');
    expect(normalizeCustomerId('17850.00')).toBe('17850');
  });

  it('keeps other ids as written, trimmed', () => {
    expect(normalizeCustomerId(' C-001 ')).toBe('C-001');
    expect(normalizeCustomerId('17850.5')).toBe('17850.5');
    expect(normalizeCustomerId('007')).toBe('007');
    expect(normalizeCustomerId('  ')).toBe('');
  });
});
