import { describe, expect, it } from 'vitest';
import { PARQUET_TEXT_PARSERS, valuesText } from '../../../../src/core/index.ts';

describe('valuesText(values)', () => {
  it('reads typed arrays and arrays of mixed values', () => {
    expect([0, 1].map(valuesText(Float64Array.of(1.5, -0)))).toEqual(['1.5', '0']);
    expect([0, 1].map(valuesText(Int32Array.of(7, -3)))).toEqual(['7', '-3']);
    expect([0].map(valuesText(BigInt64Array.of(-9007199254740993n)))).toEqual(['-9007199254740993']);
    expect([0, 1, 2, 3].map(valuesText(['a,b', null, 2, true]))).toEqual(['"a,b"', '', '2', 'true']);
  });
});

describe('PARQUET_TEXT_PARSERS', () => {
  it('turns DATE and TIMESTAMP values into ISO text in UTC', () => {
    expect(PARQUET_TEXT_PARSERS.dateFromDays(19727)).toBe('2024-01-05');
    const ms = BigInt(Date.UTC(2024, 0, 5, 13, 14, 15));
    expect(PARQUET_TEXT_PARSERS.timestampFromMilliseconds(ms)).toBe('2024-01-05 13:14:15');
    expect(PARQUET_TEXT_PARSERS.timestampFromMicroseconds(ms * 1000n + 999n)).toBe('2024-01-05 13:14:15');
    expect(PARQUET_TEXT_PARSERS.timestampFromNanoseconds(ms * 1_000_000n)).toBe('2024-01-05 13:14:15');
    // Before 1970 the fraction rounds down, to the earlier second.
    expect(PARQUET_TEXT_PARSERS.timestampFromMicroseconds(-1n)).toBe('1969-12-31 23:59:59');
  });
});
