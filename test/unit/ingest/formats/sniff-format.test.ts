import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasZipEnd, isWorkbook, sniffFormat, zipEntryNames } from '../../../../src/core/index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url)));
const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (c) => c.charCodeAt(0)) : [v])));

/** A zip local file header for a stored entry holding `content`. */
function zipEntry(name: string, content = ''): Uint8Array {
  const head = new Uint8Array(30);
  const view = new DataView(head.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint32(18, content.length, true);
  view.setUint32(22, content.length, true);
  view.setUint16(26, name.length, true);
  return new Uint8Array([...head, ...bytes(name), ...bytes(content)]);
}

describe('sniffFormat(head)', () => {
  it('tells each fixture by its first bytes', () => {
    expect(sniffFormat(fixture('small-shop.csv'))).toBe('text');
    expect(sniffFormat(fixture('utf-16le.csv'))).toBe('text');
    expect(sniffFormat(fixture('formats/small-shop.csv.gz'))).toBe('gzip');
    expect(sniffFormat(fixture('formats/small-shop.xlsx'))).toBe('xlsx');
    expect(sniffFormat(fixture('formats/small-shop.parquet'))).toBe('parquet');
    expect(sniffFormat(fixture('formats/small-shop.arrow'))).toBe('arrow');
  });

  it('recognises the Arrow stream format, old Feather and Excel 97-2003 (OLE) files', () => {
    expect(sniffFormat(bytes(0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0))).toBe('arrow-stream');
    expect(sniffFormat(bytes('FEA1', 0, 0))).toBe('feather-v1');
    expect(sniffFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0))).toBe('xls');
  });

  it('tells a workbook from any other zip archive by its entries', () => {
    expect(sniffFormat(new Uint8Array([...zipEntry('[Content_Types].xml', '<Types/>'), ...zipEntry('xl/workbook.xml')]))).toBe('xlsx');
    expect(sniffFormat(new Uint8Array([...zipEntry('[Content_Types].xml', '<Types/>'), ...zipEntry('word/document.xml')]))).toBe('zip');
    expect(sniffFormat(zipEntry('orders.csv', 'a,b\n'))).toBe('zip');
    expect(sniffFormat(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'))).toBe('ods');
  });

  it('takes anything else, including empty and very short input, as text', () => {
    expect(sniffFormat(new Uint8Array())).toBe('text');
    expect(sniffFormat(bytes('P'))).toBe('text');
    expect(sniffFormat(bytes('PAR'))).toBe('text');
    expect(sniffFormat(bytes('customer;date;amount\n'))).toBe('text');
  });
});

describe('zipEntryNames(head)', () => {
  it('walks the local headers in order, stopping at the end of the head', () => {
    const zip = new Uint8Array([...zipEntry('a.txt', 'hello'), ...zipEntry('b/c.xml', '<x/>')]);
    expect(zipEntryNames(zip)).toEqual(['a.txt', 'b/c.xml']);
    expect(zipEntryNames(zip.subarray(0, 40))).toEqual(['a.txt']);
  });
});

describe('hasZipEnd(bytes)', () => {
  it('finds the end of the central directory of a whole archive, and none in one cut short', () => {
    const end = [0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)];
    const whole = new Uint8Array([...zipEntry('a.txt', 'hello'), ...end]);
    expect(hasZipEnd(whole)).toBe(true);
    expect(hasZipEnd(whole.subarray(0, whole.length - 1))).toBe(false);
    expect(hasZipEnd(new Uint8Array(zipEntry('a.txt', 'hello')))).toBe(false);
    expect(hasZipEnd(new Uint8Array(0))).toBe(false);
  });
});

describe('isWorkbook(format)', () => {
  it('is true for the spreadsheet formats only', () => {
    expect(['xlsx', 'ods', 'xls', 'text', 'parquet'].map((f) => isWorkbook(f as never))).toEqual([true, true, true, false, false]);
  });
});
