import { describe, expect, it } from 'vitest';
import { csvHeaderText, csvText, decimalText, isoDate, isoDateTime, isoDay, valueText } from '../../../../src/core/index.ts';

describe('csvText(text)', () => {
  it('quotes only fields that need it, doubling inner quotes (RFC 4180)', () => {
    expect(csvText('plain; text|with\ttab')).toBe('plain; text|with\ttab');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('cr\r')).toBe('"cr\r"');
    expect(csvText('')).toBe('');
  });
});

describe('csvHeaderText(name)', () => {
  it('also quotes names with the other delimiters, so the sniffer sees only commas', () => {
    expect(csvHeaderText('Customer ID')).toBe('Customer ID');
    expect(csvHeaderText('Betrag;EUR')).toBe('"Betrag;EUR"');
    expect(csvHeaderText('a|b')).toBe('"a|b"');
    expect(csvHeaderText('a\tb')).toBe('"a\tb"');
  });
});

describe('isoDay, isoDateTime and isoDate', () => {
  it('write days and instants in UTC', () => {
    expect(isoDay(0)).toBe('1970-01-01');
    expect(isoDay(19727)).toBe('2024-01-05');
    expect(isoDay(-1)).toBe('1969-12-31');
    expect(isoDateTime(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29 23:59:59');
    expect(isoDateTime(-1)).toBe('1969-12-31 23:59:59');
    expect(isoDate(Date.UTC(2024, 0, 5))).toBe('2024-01-05');
    expect(isoDate(Date.UTC(2024, 0, 5, 0, 0, 1))).toBe('2024-01-05 00:00:01');
    expect(isoDate(NaN)).toBe('');
  });
});

describe('decimalText(unscaled, scale)', () => {
  it('places the decimal point exactly, beyond what a double holds', () => {
    expect(decimalText(12345n, 2)).toBe('123.45');
    expect(decimalText(-5n, 3)).toBe('-0.005');
    expect(decimalText(0n, 2)).toBe('0.00');
    expect(decimalText(12345678901234567890123n, 4)).toBe('1234567890123456789.0123');
    expect(decimalText(7n, 0)).toBe('7');
    expect(decimalText(7n, -2)).toBe('700');
  });
});

describe('valueText(value)', () => {
  it('writes each kind of value as a field', () => {
    expect(valueText(null)).toBe('');
    expect(valueText(undefined)).toBe('');
    expect(valueText('x,y')).toBe('"x,y"');
    expect(valueText(5.5)).toBe('5.5');
    expect(valueText(1e-7)).toBe('0.0000001');
    expect(valueText(1e21)).toBe('1000000000000000000000');
    expect(valueText(NaN)).toBe('');
    expect(valueText(12345678901234567890n)).toBe('12345678901234567890');
    expect(valueText(true)).toBe('true');
    expect(valueText(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(valueText(new Uint8Array([1, 2]))).toBe('');
    expect(valueText({ a: 1, b: [2n] })).toBe('"{""a"":1,""b"":[""2""]}"');
  });
});
