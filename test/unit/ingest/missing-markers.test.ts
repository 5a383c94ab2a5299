import { describe, expect, it } from 'vitest';
import { DEFAULT_MISSING_MARKERS, MissingMarkers } from '../../../src/core/index.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const has = (markers: MissingMarkers, cell: string) => {
  const b = bytes(`,${cell},`);
  return markers.has(b, 1, b.length - 1);
};

describe('MissingMarkers', () => {
  it('knows the markers R, pandas, Excel and BI tools write, and the empty cell', () => {
    const m = new MissingMarkers();
    for (const cell of ['', 'NA', 'N/A', '#N/A', 'null', 'NULL', 'None', 'NaN', '-']) expect(has(m, cell), cell).toBe(true);
    expect([...DEFAULT_MISSING_MARKERS].sort()).toEqual(['#N/A', '-', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'null']);
  });

  it('matches whole cells, case and all', () => {
    const m = new MissingMarkers();
    for (const cell of ['NAB', 'na', 'Null', '--', '-1', 'N', 'NAN', '17850', 'None of them']) expect(has(m, cell), cell).toBe(false);
  });

  it('uses the markers it is given, and still treats an empty cell as missing', () => {
    const m = new MissingMarkers(['?', 'n.v.', 'ø']);
    expect(has(m, '?')).toBe(true);
    expect(has(m, 'n.v.')).toBe(true);
    expect(has(m, 'ø')).toBe(true);
    expect(has(m, '')).toBe(true);
    expect(has(m, 'NA')).toBe(false);
  });
});
