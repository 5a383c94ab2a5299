import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { customerCsvColumns } from '../../../src/core/export/customer-csv-columns.ts';
import { customersCsv, customersCsvChunks, type CsvColumn } from '../../../src/core/export/customers-csv.ts';

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

// Ids chosen to break naive CSV: a comma, quotes, a newline, a formula, a negative-looking id,
// an @, a leading tab, a non-ASCII name.
const ids = ['A,1', 'He said "hi"', 'line\nbreak', '=HYPERLINK("http://x")', '-42', '@cmd', '\tTab', 'Zoë'];
const n = ids.length;
const input = {
  ids,
  attributes: [{ header: 'country', kind: 'text', values: ['DE', 'FR', 'UK', '+49', 'DE', 'FR', 'UK', 'DE'] } satisfies CsvColumn],
  recencyDays: Int32Array.of(1, 2, 3, 4, 5, 6, 7, 8),
  frequency: Uint32Array.of(1, 2, 3, 1, 2, 3, 1, 4),
  monetary: Float64Array.of(100, 1234.5, -5.2, 0.005, 10, 20, 30, 1000000),
  scores: { r: Uint8Array.of(5, 4, 3, 2, 1, 5, 4, 3), f: Uint8Array.of(1, 2, 3, 4, 5, 1, 2, 3), m: Uint8Array.of(3, 3, 3, 3, 3, 3, 3, 3) },
  rfmSegment: { codes: Uint8Array.of(0, 1, 0, 1, 0, 1, 0, 2), names: ['Champions', "Can't lose them", '=cmd'] },
  valueBand: { codes: Uint8Array.of(0, 0, 2, 2, 1, 1, 1, 0), names: ['High value', 'Intermediate value', 'Low value'] },
  lifecycle: { codes: Int32Array.of(0, 1, 2, 3, 4, -1, 0, 1), names: ['New', 'Active', 'At risk', 'Lapsed', 'Lost'] },
  ruleSegments: [{ name: 'Active buyers', mask: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 1) }, { name: '-sneaky', mask: new Uint8Array(n) }],
};

describe('customersCsv(columns, options)', () => {
  const rows = parse(customersCsv(customerCsvColumns(input)).join(''));

  it('writes the documented column order', () => {
    expect(rows[0]).toEqual([
      'customer_id', 'country', 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'r_score', 'f_score', 'm_score',
      'rfm_segment', 'value_band', 'lifecycle', 'Active buyers', "'-sneaky",
    ]);
    expect(rows.length).toBe(n + 1);
  });

  it('round-trips ids with commas, quotes and newlines through a CSV parser', () => {
    expect(rows.slice(1).map((r) => r[0]).slice(0, 3)).toEqual(['A,1', 'He said "hi"', 'line\nbreak']);
    expect(rows[8][0]).toBe('Zoë');
  });

  it('neutralises text cells that start like a formula, headers and segment names included', () => {
    expect([rows[4][0], rows[5][0], rows[6][0], rows[7][0]]).toEqual(['\'=HYPERLINK("http://x")', "'-42", "'@cmd", "'\tTab"]);
    expect(rows[4][1]).toBe("'+49");
    expect(rows[8][9]).toBe("'=cmd");
  });

  it('writes numbers plainly and money with 2 decimals, a negative amount left as a number', () => {
    // Customer 2 ("line\nbreak"): revenue -5.2 over 3 orders → AOV -1.7333 → "-1.73".
    expect(rows[3].slice(2, 9)).toEqual(['3', '3', '-5.20', '-1.73', '3', '3', '3']);
    expect(rows[2].slice(4, 6)).toEqual(['1234.50', '617.25']);
    expect(rows[8].slice(4, 6)).toEqual(['1000000.00', '250000.00']);
    expect(rows[4][4]).toBe('0.01'); // 0.005 rounds half away from zero
  });

  it('writes segment names, an empty cell for a code with no name, and 1/0 rule columns', () => {
    expect(rows.slice(1).map((r) => r.slice(9, 14))).toEqual([
      ['Champions', 'High value', 'New', '1', '0'],
      ["Can't lose them", 'High value', 'Active', '0', '0'],
      ['Champions', 'Low value', 'At risk', '0', '0'],
      ["Can't lose them", 'Low value', 'Lapsed', '0', '0'],
      ['Champions', 'Intermediate value', 'Lost', '0', '0'],
      ["Can't lose them", 'Intermediate value', '', '0', '0'],
      ['Champions', 'Intermediate value', 'New', '0', '0'],
      ["'=cmd", 'High value', 'Active', '1', '0'],
    ]);
  });

  it('ends every record with CRLF and quotes only where needed', () => {
    const text = customersCsv([{ header: 'id', kind: 'text', values: ['a', 'b,c'] }]).join('');
    expect(text).toBe('id\r\na\r\n"b,c"\r\n');
  });

  it('starts with a UTF-8 byte order mark only when asked', () => {
    const columns = customerCsvColumns(input);
    const withBom = customersCsv(columns, { bom: true });
    expect(withBom[0].charCodeAt(0)).toBe(0xfeff);
    expect(parse(withBom.join(''))[0][0]).toBe('customer_id');
    expect(customersCsv(columns)[0].startsWith('customer_id')).toBe(true);
  });

  it('exports one segment only when filtered', () => {
    const filtered = parse(customersCsv(customerCsvColumns(input), { filter: { codes: input.rfmSegment.codes, code: 1 } }).join(''));
    expect(filtered.slice(1).map((r) => r[0])).toEqual(['He said "hi"', "'=HYPERLINK(\"http://x\")", "'@cmd"]);
  });

  it('uses the delimiter asked for, quoting fields that contain it', () => {
    const text = customersCsv([{ header: 'id', kind: 'text', values: ['a;b', 'a,b'] }, { header: 'x', kind: 'number', values: [1.5, 2], decimals: 2 }], { delimiter: ';' }).join('');
    expect(text).toBe('id;x\r\n"a;b";1.50\r\na,b;2.00\r\n');
  });

  it('refuses columns of different lengths', () => {
    expect(() => customersCsv([{ header: 'a', kind: 'text', values: ['x'] }, { header: 'b', kind: 'number', values: [1, 2] }])).toThrow(
      'column "b" has 2 values, expected 1',
    );
  });
});

describe('customersCsvChunks(columns, options)', () => {
  it('yields the header, then rows in chunks, without building the file at once', () => {
    const values = Float64Array.from({ length: 250_000 }, (_, i) => i / 4);
    const ids = Array.from({ length: 250_000 }, (_, i) => `c${i}`);
    const columns: CsvColumn[] = [{ header: 'id', kind: 'text', values: ids }, { header: 'v', kind: 'number', values, decimals: 2 }];
    let chunks = 0;
    let lines = 0;
    let last = '';
    for (const chunk of customersCsvChunks(columns, { rowsPerChunk: 10_000 })) {
      chunks++;
      lines += chunk.split('\r\n').length - 1;
      last = chunk;
    }
    expect(chunks).toBe(1 + 25);
    expect(lines).toBe(250_001);
    expect(last.endsWith('c249999,62499.75\r\n')).toBe(true);
  });
});
