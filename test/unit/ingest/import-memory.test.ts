import { describe, expect, it } from 'vitest';
import { IMPORT_MEMORY_COST, TAB_SHARE_OF_DEVICE, importMemoryAvailable, importMemoryNeed, importMemoryProblem } from '../../../src/core/index.ts';

const GiB = 1024 ** 3;
/** The largest text file a device of `gib` GiB takes, from the cost model read backwards. */
const largestFitting = (gib: number): number => Math.floor((gib * GiB * TAB_SHARE_OF_DEVICE - IMPORT_MEMORY_COST.fixedBytes) / IMPORT_MEMORY_COST.perFileByte);

describe('importMemoryNeed', () => {
  it('grows by the measured cost for every byte of the file, from the fixed cost', () => {
    expect(importMemoryNeed(0)).toBe(IMPORT_MEMORY_COST.fixedBytes);
    const a = importMemoryNeed(100e6);
    const b = importMemoryNeed(300e6);
    expect((b - a) / 200e6).toBeCloseTo(IMPORT_MEMORY_COST.perFileByte, 10);
  });
});

describe('importMemoryAvailable', () => {
  it('is the tab share of the memory the device reports, and unknown when it reports none', () => {
    expect(importMemoryAvailable(4)).toBe(4 * GiB * TAB_SHARE_OF_DEVICE);
    expect(importMemoryAvailable(undefined)).toBeNull();
    expect(importMemoryAvailable(null)).toBeNull();
    expect(importMemoryAvailable(0)).toBeNull();
    expect(importMemoryAvailable(Number.NaN)).toBeNull();
  });
});

describe('importMemoryProblem', () => {
  it('takes the largest file that fits and refuses one byte more', () => {
    for (const gib of [0.25, 1, 2, 4, 8]) {
      const edge = largestFitting(gib);
      expect(importMemoryProblem('orders.csv', edge, gib)).toBeNull();
      expect(importMemoryProblem('orders.csv', edge + 1, gib)?.code).toBe('too-large-for-memory');
    }
  });

  it('does not refuse the 10M-row benchmark file (565 MB) on a device reporting 8 GB, Chromium\'s cap', () => {
    expect(importMemoryProblem('transactions.csv', 564_727_257, 8)).toBeNull();
  });

  it('refuses that file on a device reporting 2 GB', () => {
    expect(importMemoryProblem('transactions.csv', 564_727_257, 2)?.code).toBe('too-large-for-memory');
  });

  it('never refuses when the browser reports no device memory (Firefox, Safari)', () => {
    expect(importMemoryProblem('orders.csv', 50e9, undefined)).toBeNull();
  });

  it('never refuses compressed or columnar files on their size, whose rows it cannot tell', () => {
    for (const name of ['orders.csv.gz', 'book.xlsx', 'book.XLSM', 'old.xls', 'sheet.ods', 't.parquet', 't.arrow', 't.arrows', 't.feather']) {
      expect(importMemoryProblem(name, 5e9, 0.25)).toBeNull();
    }
    expect(importMemoryProblem('orders.tsv', 5e9, 0.25)?.code).toBe('too-large-for-memory');
    expect(importMemoryProblem('orders', 5e9, 0.25)?.code).toBe('too-large-for-memory');
  });

  it('says the file size, the estimate, what the device reports and what to do', () => {
    const problem = importMemoryProblem('big export.csv', 564_727_257, 2);
    expect(problem).not.toBeNull();
    const text = problem?.message ?? '';
    expect(text).toContain('"big export.csv" is 565 MB');
    const need = importMemoryNeed(564_727_257);
    expect(text).toContain(`about ${(need / 1e9).toFixed(1)} GB of memory`);
    expect(text).toContain('reports about 2 GB');
    expect(text).toContain(`about ${(importMemoryAvailable(2)! / 1e9).toFixed(1)} GB`);
    expect(text).toMatch(/split the file by date/);
    expect(text).toMatch(/export only the columns/);
    expect(text).toMatch(/machine with more memory/);
  });
});
