import { describe, expect, it } from 'vitest';
import {
  Bool,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Float32,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMicrosecond,
  TimestampSecond,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { arrowToCsv } from '../../../../src/core/index.ts';

const csvOf = (table: Table, chunkChars?: number) => [...arrowToCsv(table, chunkChars)].map((c) => c.text).join('');

describe('arrowToCsv(table)', () => {
  it('writes each column type as plain text, nulls empty', () => {
    const day = Date.UTC(2024, 0, 5);
    const table = new Table({
      text: vectorFromArray(['plain', 'a,"b"', null], new Utf8()),
      dict: vectorFromArray(['x', null, 'x'], new Dictionary(new Utf8(), new Int32())),
      int: vectorFromArray([1, -2, 3], new Int32()),
      big: vectorFromArray([9007199254740993n, null, -1n], new Int64()),
      f32: vectorFromArray([0.5, 1, 2], new Float32()),
      f64: vectorFromArray([0.1 + 0.2, null, 1e-7], new Float64()),
      bool: vectorFromArray([true, false, null], new Bool()),
      date: vectorFromArray([day, null, day - 86_400_000], new DateDay()),
      date64: vectorFromArray([day, day, null], new DateMillisecond()),
      ts: vectorFromArray([day + 3_723_000, null, day], new TimestampMicrosecond()),
      tsSec: vectorFromArray([day + 59_000, day, day], new TimestampSecond()),
    });
    expect(csvOf(table)).toBe(
      [
        'text,dict,int,big,f32,f64,bool,date,date64,ts,tsSec',
        'plain,x,1,9007199254740993,0.5,0.30000000000000004,true,2024-01-05,2024-01-05,2024-01-05 01:02:03,2024-01-05 00:00:59',
        '"a,""b""",,-2,,1,,false,,2024-01-05,,2024-01-05 00:00:00',
        ',x,3,-1,2,0.0000001,,2024-01-04,,2024-01-05 00:00:00,2024-01-05 00:00:00',
        '',
      ].join('\n'),
    );
  });

  it('writes decimals exactly at their scale', () => {
    // Decimal(precision 38, scale 2): 128-bit little-endian two's complement values.
    const words = new Uint32Array([12345, 0, 0, 0, 0xffffffff - 4, 0xffffffff, 0xffffffff, 0xffffffff]);
    const type = new Decimal(2, 38, 128);
    const amounts = makeVector(makeData({ type, length: 2, data: words }));
    expect(csvOf(new Table({ amount: amounts }))).toBe('amount\n123.45\n-0.05\n');
  });

  it('reads every record batch, in chunks that end at line ends', () => {
    const a = new Table({ n: vectorFromArray([1, 2, 3], new Int32()) });
    const b = new Table({ n: vectorFromArray([4, 5], new Int32()) });
    const table = tableFromIPC(tableToIPC(a.concat(b), 'stream'));
    expect(table.batches).toHaveLength(2);
    const chunks = [...arrowToCsv(table, 4)];
    expect(chunks.map((c) => c.text).join('')).toBe('n\n1\n2\n3\n4\n5\n');
    expect(chunks.every((c) => c.text.endsWith('\n'))).toBe(true);
    expect(chunks.at(-1)!.rows).toBe(5);
  });
});
