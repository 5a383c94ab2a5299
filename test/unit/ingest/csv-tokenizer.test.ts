import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, sniffDelimiter } from '../../../src/core/index.ts';

function tokenize(chunks: string[], delimiter = ','): string[][] {
  const rows: string[][] = [];
  const t = new CsvTokenizer(delimiter, (fields) => rows.push([...fields]));
  for (const c of chunks) t.push(c);
  t.finish();
  return rows;
}

/** papaparse is the reference parser: same records, blank lines skipped. */
function reference(text: string, delimiter = ','): string[][] {
  return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true }).data;
}

const CASES: Record<string, string> = {
  simple: 'a,b,c\n1,2,3\n',
  'no final newline': 'a,b\n1,2',
  crlf: 'a,b\r\n1,2\r\n3,4\r\n',
  'bare cr': 'a,b\r1,2\r',
  'quoted comma': 'name,city\n"Smith, J.",Leeds\n',
  'doubled quotes': 'q\n"she said ""hi"""\n',
  'newline inside quotes': 'a,b\n"line 1\nline 2",x\n',
  'crlf inside quotes': 'a,b\r\n"x\r\ny",z\r\n',
  'empty fields': 'a,b,c\n,,\n1,,3\n',
  'blank lines': 'a,b\n\n1,2\n\n\n3,4\n',
  'quoted empty': 'a,b\n"",x\n',
  'unicode': 'name,price\n"Café £",3.50\n',
};

describe('CsvTokenizer', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`parses "${name}" exactly as papaparse does`, () => {
      expect(tokenize([text])).toEqual(reference(text));
    });

    it(`gives the same records for "${name}" however the text is cut into chunks`, () => {
      const whole = tokenize([text]);
      for (let cut = 0; cut <= text.length; cut++) {
        expect(tokenize([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
      }
      expect(tokenize(text.split(''))).toEqual(whole);
    });
  }

  it('uses the delimiter it is given', () => {
    expect(tokenize(['a;b\n"1;5";2\n'], ';')).toEqual([
      ['a', 'b'],
      ['1;5', '2'],
    ]);
    expect(tokenize(['a\tb\n1\t2\n'], '\t')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('numbers records from 1 and skips blank lines in the count', () => {
    const seen: number[] = [];
    const t = new CsvTokenizer(',', (_f, record) => seen.push(record));
    t.push('h\n\nx\n"multi\nline"\ny\n');
    t.finish();
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('reports the record where a quote is never closed', () => {
    const rows: string[][] = [];
    const t = new CsvTokenizer(',', (f) => rows.push([...f]));
    t.push('a,b\n1,2\n"open,3\n4,5\n');
    t.finish();
    expect(t.unclosedQuoteRecord).toBe(3);
    expect(rows[2][0]).toBe('open,3\n4,5\n');
  });

  it('keeps text after a closing quote, as spreadsheets do', () => {
    expect(tokenize(['"a"b,c\n'])).toEqual([['ab', 'c']]);
  });

  it('rejects a delimiter longer than one character', () => {
    expect(() => new CsvTokenizer(';;', () => {})).toThrow(/one character/);
  });
});

describe('sniffDelimiter', () => {
  it('picks the separator that occurs most often in the header', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(sniffDelimiter('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n')).toBe('|');
  });

  it('ignores separators inside quotes', () => {
    expect(sniffDelimiter('"a,b,c";d;e\n')).toBe(';');
  });

  it('falls back to a comma for a single column', () => {
    expect(sniffDelimiter('customer\n1\n')).toBe(',');
  });
});
