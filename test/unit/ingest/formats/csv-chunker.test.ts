import { describe, expect, it } from 'vitest';
import { CsvChunker } from '../../../../src/core/index.ts';

describe('CsvChunker', () => {
  it('writes a header and rows of columns, in chunks of about the size asked for', () => {
    const chunker = new CsvChunker(12);
    chunker.header(['id', 'name;x']);
    const ids = ['1', '2', '3'];
    const names = ['a', '"b,c"', 'd'];
    const chunks = [...chunker.append([(i) => ids[i], (i) => names[i]], 3), ...chunker.finish()];
    expect(chunks.map((c) => c.text).join('')).toBe('id,"name;x"\n1,a\n2,"b,c"\n3,d\n');
    // Each chunk ends at a line end and says how many data rows have been written so far.
    expect(chunks).toEqual([
      { text: 'id,"name;x"\n1,a\n', rows: 1 },
      { text: '2,"b,c"\n3,d\n', rows: 3 },
    ]);
  });

  it('carries rows over from one batch to the next', () => {
    const chunker = new CsvChunker(1 << 20);
    chunker.header(['n']);
    const out = [...chunker.append([(i) => String(i)], 2), ...chunker.appendRow(['x']), ...chunker.append([(i) => String(i + 2)], 1), ...chunker.finish()];
    expect(out).toEqual([{ text: 'n\n0\n1\nx\n2\n', rows: 4 }]);
  });

  it('gives nothing for nothing', () => {
    expect([...new CsvChunker().finish()]).toEqual([]);
  });
});
