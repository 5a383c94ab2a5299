import { describe, expect, it } from 'vitest';
import { RecordNumbers } from '../../../src/core/ingest/record-numbers.ts';
import { seededRandom } from '../../../src/core/index.ts';

describe('RecordNumbers', () => {
  it('gives each line its record number, with records skipped anywhere, as a column of them does', () => {
    const random = seededRandom(5);
    for (const skipRate of [0, 0.001, 0.3, 0.9]) {
      const numbers = new RecordNumbers();
      const column: number[] = [];
      let record = 1;
      for (let line = 0; line < 20_000; line++) {
        record++;
        while (random() < skipRate) record++;
        numbers.add(line, record);
        column.push(record);
      }
      expect(column.map((_, line) => numbers.of(line))).toEqual(column);
      // Kept as runs: one for a file without a skipped record.
      if (skipRate === 0) expect(numbers.export().lines.length).toBe(1);
    }
  });

  it('joins another part\'s numbers after its own lines and records', () => {
    const random = seededRandom(9);
    const first = new RecordNumbers();
    const second = new RecordNumbers();
    const column: number[] = [];
    // The first part: records 2.. (after the header), some skipped; it ends at record `end`.
    let record = 1;
    for (let line = 0; line < 500; line++) {
      record += random() < 0.2 ? 2 : 1;
      first.add(line, record);
      column.push(record);
    }
    const end = record + 3;
    // The second part numbers its records from 1, and its first record may follow on or not.
    for (const startsAt of [1, 2]) {
      const part = new RecordNumbers();
      const partColumn: number[] = [];
      let r = startsAt - 1;
      for (let line = 0; line < 300; line++) {
        r += random() < 0.1 ? 3 : 1;
        part.add(line, r);
        partColumn.push(r + end);
      }
      const joined = new RecordNumbers();
      joined.append(first.export(), 0, 0, 500);
      joined.append(part.export(), 500, end, 300);
      // Lines added after a join follow the part's last line.
      joined.add(800, partColumn[299] + 1);
      const all = [...column, ...partColumn, partColumn[299] + 1];
      expect(all.map((_, line) => joined.of(line))).toEqual(all);
    }
    expect(second.export().lines.length).toBe(0);
  });
});
