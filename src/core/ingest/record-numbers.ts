/** Where the record numbers of lines jump: line `lines[k]` is record `records[k]`, the lines after it the records after it. */
export interface RecordRuns {
  lines: Int32Array;
  records: Int32Array;
}

/**
 * The file's record number of each line read (for messages and examples: "row 1,204"), kept as
 * the lines where the numbering jumps (the header, a record that gave no line, a part's start)
 * rather than as a number per line: most lines follow the record before, and a column of
 * numbers took 4 bytes a line of memory written for the first time, in both workers reading a
 * file and again where their parts were joined (about 3 ms a MiB on the machine measured).
 */
export class RecordNumbers {
  private lines = new Int32Array(16);
  private records = new Int32Array(16);
  private runs = 0;
  /** The line and record that would continue the last run. */
  private nextLine = 0;
  private nextRecord = -1;

  /** Notes that `line` (the next line, in order) is record `record`. */
  add(line: number, record: number): void {
    if (line === this.nextLine && record === this.nextRecord) {
      this.nextLine++;
      this.nextRecord++;
      return;
    }
    this.startRun(line, record);
  }

  /** Appends another part's numbers, its lines after `lineOffset` lines, its records after `recordOffset` records. */
  append({ lines, records }: RecordRuns, lineOffset: number, recordOffset: number, lineCount: number): void {
    for (let k = 0; k < lines.length; k++) this.add(lines[k] + lineOffset, records[k] + recordOffset);
    if (lines.length > 0) {
      // The part's last run goes on to its last line.
      this.nextLine = lineOffset + lineCount;
      this.nextRecord = records[lines.length - 1] + recordOffset + (lineCount - lines[lines.length - 1]);
    }
  }

  /** The record number of `line`. */
  of(line: number): number {
    // The last run starting at or before the line.
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return this.records[lo] + (line - this.lines[lo]);
  }

  /** The runs as they are (views: for handing over once no line is added). */
  export(): RecordRuns {
    return { lines: this.lines.subarray(0, this.runs), records: this.records.subarray(0, this.runs) };
  }

  private startRun(line: number, record: number): void {
    if (this.runs === this.lines.length) {
      const lines = new Int32Array(this.runs * 2);
      const records = new Int32Array(this.runs * 2);
      lines.set(this.lines);
      records.set(this.records);
      this.lines = lines;
      this.records = records;
    }
    this.lines[this.runs] = line;
    this.records[this.runs] = record;
    this.runs++;
    this.nextLine = line + 1;
    this.nextRecord = record + 1;
  }
}
