import { describe, expect, it } from 'vitest';
import { cellValue, sheetToCsv, type SheetCell } from '../../../../src/core/index.ts';

const s = (v: string): SheetCell => ({ t: 's', v });
const n = (v: number): SheetCell => ({ t: 'n', v });
const text = (chunks: Iterable<{ text: string }>) => [...chunks].map((c) => c.text).join('');

describe('cellValue(cell)', () => {
  it('writes each cell type as text', () => {
    expect(cellValue({ t: 'd', v: new Date(Date.UTC(2024, 0, 5)) })).toBe('2024-01-05');
    expect(cellValue({ t: 'd', v: new Date(Date.UTC(2024, 0, 5, 8, 30)) })).toBe('2024-01-05 08:30:00');
    expect(cellValue(n(1234.5))).toBe('1234.5');
    expect(cellValue({ t: 'b', v: false })).toBe('FALSE');
    expect(cellValue({ t: 'e', v: 42 })).toBe('');
    expect(cellValue({ t: 'z' })).toBe('');
    expect(cellValue(s('x'))).toBe('x');
    expect(cellValue(undefined)).toBe('');
  });
});

describe('sheetToCsv(rows, range)', () => {
  it('starts at the first non-empty row, skips empty rows and unnamed trailing columns, and quotes text', () => {
    const rows: Array<Array<SheetCell | undefined> | undefined> = [];
    rows[1] = [undefined, s('Customer'), s('Amount'), undefined];
    rows[2] = [undefined, s('a, b'), n(5), n(99)];
    rows[4] = [undefined, s('c'), { t: 'e', v: 7 }];
    rows[5] = [undefined, undefined, undefined, n(1)];
    const range = { s: { r: 0, c: 1 }, e: { r: 5, c: 3 } };
    expect(text(sheetToCsv(rows, range))).toBe('Customer,Amount\n"a, b",5\nc,\n');
  });

  it('writes nothing for a sheet without cells', () => {
    expect(text(sheetToCsv([], { s: { r: 0, c: 0 }, e: { r: 3, c: 3 } }))).toBe('');
  });
});
