import { daysFromCivil } from '../parse-day.ts';
import { releaseBuffers } from '../../release-buffers.ts';

/** How one date cell was written. */
const enum Shape {
  Bad = 0,
  /** 2011-12-09, 2011/12/09: year first, then month, then day. */
  YearFirst = 1,
  /** 09/12/2011, 12.09.11: day and month in an order only the whole column can tell. */
  DayMonthYear = 2,
  /** 20111209 */
  Compact = 3,
  /** 40886 or 40886.35: days since 1899-12-30, as Excel stores dates. */
  Serial = 4,
  /** 1323388800: seconds since 1970. */
  UnixSeconds = 5,
  /** 1323388800000: milliseconds since 1970. */
  UnixMillis = 6,
}

/** A date column's raw cells, for joining parts read in parallel. */
export interface DateColumnRaw {
  shape: Uint8Array;
  raw: Int32Array;
  maxA: number;
  maxB: number;
  /** How many of the cells have each shape (indexed by Shape). */
  counts: Float64Array;
}

export type DateReading = 'year-first' | 'day-first' | 'month-first' | 'yyyymmdd' | 'excel-serial' | 'unix-seconds' | 'unix-millis';

export const DATE_READING_LABELS: Record<DateReading, string> = {
  'year-first': 'year-month-day (2011-12-09)',
  'day-first': 'day/month/year (09/12/2011)',
  'month-first': 'month/day/year (12/09/2011)',
  yyyymmdd: 'YYYYMMDD (20111209)',
  'excel-serial': 'Excel serial day numbers (40886)',
  'unix-seconds': 'Unix time in seconds',
  'unix-millis': 'Unix time in milliseconds',
};

const EXCEL_EPOCH = daysFromCivil(1899, 12, 30);
/** Longest cell remembered as the last one (a date and time to the second is 19). */
const LAST_CELL_BYTES = 24;

/** The day number of a cell that does not read as a date under the column's reading. */
export const NO_DAY = -2147483648;

const SHAPE_OF: Record<DateReading, Shape> = {
  'year-first': Shape.YearFirst,
  'day-first': Shape.DayMonthYear,
  'month-first': Shape.DayMonthYear,
  yyyymmdd: Shape.Compact,
  'excel-serial': Shape.Serial,
  'unix-seconds': Shape.UnixSeconds,
  'unix-millis': Shape.UnixMillis,
};

/**
 * Reads a date column cell by cell into raw parts, and decides how to read it only at the end,
 * from the whole column: "03/04/2011" is 3 April if any cell in the column has a first number
 * above 12, and 4 March if any has a second number above 12. When no cell tells, the column is
 * ambiguous and the caller chooses (the app asks the analyst).
 * Times after the date are ignored: dates are calendar days as written, with no time zones.
 */
export class DateColumn {
  private shape: Uint8Array;
  /** Each cell as one integer: its day number, or year·10000 + first·100 + second for day/month/year. */
  private raw: Int32Array;
  private length = 0;
  private readonly shapeCounts = new Float64Array(7);
  /** Largest first and second numbers seen in day/month/year cells. */
  private maxA = 0;
  private maxB = 0;
  /**
   * The last cell read as a date, its bytes and what it gave: the lines of one order share their
   * date, and a cell equal to the last one gives the same again without being read.
   */
  private readonly lastCell = new Uint8Array(LAST_CELL_BYTES);
  private lastLength = -1;
  private lastShape: Shape = Shape.Bad;
  private lastRaw = 0;
  /** Cells of later parts, held apart until joined (see {@link adoptRaw}), with their shape counts. */
  private pieces: DateColumnRaw[] = [];

  constructor(capacity = 1024) {
    this.shape = new Uint8Array(capacity);
    this.raw = new Int32Array(capacity);
  }

  get size(): number {
    return this.pieces.reduce((n, p) => n + p.shape.length, this.length);
  }

  /** Makes room for at least `capacity` cells. */
  reserve(capacity: number): void {
    if (capacity > this.shape.length) this.resize(capacity);
  }

  /** Reads one cell and keeps it; returns false (keeping nothing) when it is not a date in any supported form. */
  push(bytes: Uint8Array, start: number, end: number): boolean {
    if (this.length === this.shape.length) this.grow();
    let s = start;
    let e = end;
    while (s < e && bytes[s] === 32) s++;
    while (e > s && bytes[e - 1] === 32) e--;
    const length = e - s;
    if (length === this.lastLength) {
      const last = this.lastCell;
      let k = 0;
      while (k < length && bytes[s + k] === last[k]) k++;
      if (k === length) {
        this.shape[this.length] = this.lastShape;
        this.raw[this.length] = this.lastRaw;
        this.length++;
        this.shapeCounts[this.lastShape]++;
        return true;
      }
    }
    let shape = Shape.Bad;
    let raw = 0;
    // Up to three runs of digits separated by one of - / . ; stop at a space or T (time).
    let n0 = 0, n1 = 0, n2 = 0, len0 = 0, len1 = 0, len2 = 0, part = 0, sep = 0;
    let i = s;
    let ok = true;
    let fraction = false;
    for (; i < e; i++) {
      const b = bytes[i];
      if (b >= 48 && b <= 57) {
        if (fraction) continue;
        const d = b - 48;
        if (part === 0) { n0 = n0 * 10 + d; len0++; }
        else if (part === 1) { n1 = n1 * 10 + d; len1++; }
        else { n2 = n2 * 10 + d; len2++; }
      } else if ((b === 45 || b === 47 || b === 46) && part < 2 && (sep === 0 || sep === b)) {
        // A "." after a lone number is a decimal fraction (Excel serial with a time).
        if (b === 46 && part === 0 && len0 >= 4 && len0 <= 5 && sep === 0 && !this.looksDotted(bytes, i + 1, e)) {
          fraction = true;
          continue;
        }
        if (fraction) { ok = false; break; }
        sep = b;
        part++;
      } else if ((b === 32 || b === 84) && part === 2) {
        break;
      } else {
        ok = false;
        break;
      }
    }
    if (ok && part === 2 && len0 > 0 && len1 > 0 && len2 > 0) {
      if (len0 === 4) {
        if (validDate(n0, n1, n2)) { shape = Shape.YearFirst; raw = daysFromCivil(n0, n1, n2); }
      } else if (len0 <= 2 && len1 <= 2 && (len2 === 4 || len2 === 2)) {
        const y = len2 === 2 ? (n2 < 69 ? 2000 + n2 : 1900 + n2) : n2;
        if (n0 >= 1 && n1 >= 1 && n0 <= 31 && n1 <= 31) {
          shape = Shape.DayMonthYear;
          raw = y * 10000 + n0 * 100 + n1;
          if (n0 > this.maxA) this.maxA = n0;
          if (n1 > this.maxB) this.maxB = n1;
        }
      }
    } else if (ok && part === 0 && len0 > 0) {
      if (len0 === 8 && !fraction && validDate(Math.floor(n0 / 10000), Math.floor(n0 / 100) % 100, n0 % 100)) {
        shape = Shape.Compact;
        raw = daysFromCivil(Math.floor(n0 / 10000), Math.floor(n0 / 100) % 100, n0 % 100);
      } else if (len0 >= 4 && len0 <= 5 && n0 >= 1 && n0 < 2958466) {
        shape = Shape.Serial;
        raw = EXCEL_EPOCH + n0;
      } else if (!fraction && (len0 === 9 || len0 === 10)) {
        shape = Shape.UnixSeconds;
        raw = Math.floor(n0 / 86400);
      } else if (!fraction && (len0 === 12 || len0 === 13)) {
        shape = Shape.UnixMillis;
        raw = Math.floor(n0 / 86400000);
      }
    }
    // A cell that is no date at all is not kept: the caller skips its row.
    if (shape === Shape.Bad) return false;
    if (length <= LAST_CELL_BYTES) {
      for (let k = 0; k < length; k++) this.lastCell[k] = bytes[s + k];
      this.lastLength = length;
      this.lastShape = shape;
      this.lastRaw = raw;
    }
    this.shape[this.length] = shape;
    this.raw[this.length] = raw;
    this.length++;
    this.shapeCounts[shape]++;
    return true;
  }

  /** True when a "." is followed by digits and another "." (12.09.2011), not a fraction. */
  private looksDotted(bytes: Uint8Array, from: number, end: number): boolean {
    for (let i = from; i < end; i++) if (bytes[i] === 46) return true;
    return false;
  }

  /** The cells read so far, as views of this column's storage, to hand over to a column read elsewhere. */
  exportRaw(): DateColumnRaw {
    return { ...this.segments()[0], maxA: this.maxA, maxB: this.maxB };
  }

  /**
   * Takes the cells of another part of the same column, read by another worker, as a piece
   * after the cells so far, without copying them (see RowColumns.adopt): {@link takeDayPieces}
   * reads them where they are. No cell is pushed here until the pieces are joined. The part's
   * shape counts come with it: counted again here, they were a pass over 2.5M cells at 5M lines.
   */
  adoptRaw(part: DateColumnRaw): void {
    for (let s = 0; s < this.shapeCounts.length; s++) this.shapeCounts[s] += part.counts[s];
    this.maxA = Math.max(this.maxA, part.maxA);
    this.maxB = Math.max(this.maxB, part.maxB);
    this.pieces.push(part);
  }

  /** Copies the pieces taken by {@link adoptRaw} after the cells read here, freeing each. */
  joinPieces(): void {
    for (const part of this.pieces.splice(0)) {
      this.reserve(this.length + part.shape.length);
      this.shape.set(part.shape, this.length);
      this.raw.set(part.raw, this.length);
      this.length += part.shape.length;
      releaseBuffers(part.shape, part.raw);
    }
  }

  /** Frees the cells (once read as days): this column is not used after. */
  release(): void {
    releaseBuffers(this.shape, this.raw, ...this.pieces.flatMap((p) => [p.shape, p.raw]));
    this.pieces = [];
    this.length = 0;
  }

  /** Takes back the last cell (its row turned out unusable for another reason). */
  pop(): void {
    if (this.length === 0) return;
    this.length--;
    this.shapeCounts[this.shape[this.length]]--;
  }

  /**
   * How the column reads: its main shape, and for day/month/year cells whether the whole
   * column tells the order. `ambiguous` means every first and second number is 12 or less.
   */
  reading(): { reading: DateReading | null; ambiguous: boolean } {
    let best = 0;
    for (let s = 1; s < this.shapeCounts.length; s++) if (this.shapeCounts[s] > this.shapeCounts[best] || best === 0) best = this.shapeCounts[s] > 0 ? s : best;
    switch (best as Shape) {
      case Shape.YearFirst: return { reading: 'year-first', ambiguous: false };
      case Shape.Compact: return { reading: 'yyyymmdd', ambiguous: false };
      case Shape.Serial: return { reading: 'excel-serial', ambiguous: false };
      case Shape.UnixSeconds: return { reading: 'unix-seconds', ambiguous: false };
      case Shape.UnixMillis: return { reading: 'unix-millis', ambiguous: false };
      case Shape.DayMonthYear: {
        if (this.maxA > 12 && this.maxB <= 12) return { reading: 'day-first', ambiguous: false };
        if (this.maxB > 12 && this.maxA <= 12) return { reading: 'month-first', ambiguous: false };
        if (this.maxA <= 12 && this.maxB <= 12) return { reading: null, ambiguous: true };
        // Both above 12 somewhere: the column mixes orders; read it the way more cells allow.
        return { reading: this.validUnder('day-first') >= this.validUnder('month-first') ? 'day-first' : 'month-first', ambiguous: false };
      }
      default: return { reading: null, ambiguous: false };
    }
  }

  private validUnder(reading: 'day-first' | 'month-first'): number {
    let ok = 0;
    const dayFirst = reading === 'day-first';
    for (const { shape, raw } of this.segments()) {
      for (let i = 0; i < shape.length; i++) if (shape[i] === Shape.DayMonthYear && dayMonthDay(raw[i], dayFirst) !== NO_DAY) ok++;
    }
    return ok;
  }

  /** The cells in runs, in row order: those read here, then each piece (see {@link adoptRaw}), with their shape counts. */
  private segments(): Array<{ shape: Uint8Array; raw: Int32Array; counts: Float64Array }> {
    const own = this.shapeCounts.slice();
    for (const p of this.pieces) for (let s = 0; s < own.length; s++) own[s] -= p.counts[s];
    return [{ shape: this.shape.subarray(0, this.length), raw: this.raw.subarray(0, this.length), counts: own }, ...this.pieces];
  }

  /**
   * Day numbers under a reading; cells that do not fit it are {@link NO_DAY}. Also the first
   * and last day, so the app can show the analyst what each reading of an ambiguous column would
   * give, and how many cells do not fit.
   */
  days(reading: DateReading): { days: Int32Array; first: number; last: number; bad: number } {
    this.joinPieces();
    return daysOf(this.shape.subarray(0, this.length), this.raw.subarray(0, this.length), reading);
  }

  /**
   * {@link days}, for a column read once and let go, in runs: one for the cells read here, and
   * one per piece taken from another part (see {@link adoptRaw}), not joined. Where every cell
   * of a run has the reading's shape and holds its day number already (any reading but
   * day/month/year), the cells themselves are handed over as the days, without a copy. The
   * column is empty after.
   */
  takeDayPieces(reading: DateReading): { days: Int32Array[]; first: number; last: number; bad: number } {
    const dayMonth = reading === 'day-first' || reading === 'month-first';
    const want = SHAPE_OF[reading];
    const days: Int32Array[] = [];
    let first = Infinity;
    let last = -Infinity;
    let bad = 0;
    for (const seg of this.segments()) {
      const n = seg.shape.length;
      if (dayMonth || n === 0 || seg.counts[want] !== n) {
        const read = daysOf(seg.shape, seg.raw, reading);
        releaseBuffers(seg.raw);
        days.push(read.days);
        bad += read.bad;
        if (read.first < first) first = read.first;
        if (read.last > last) last = read.last;
        continue;
      }
      const d = seg.raw;
      for (let i = 0; i < n; i++) {
        if (d[i] < first) first = d[i];
        if (d[i] > last) last = d[i];
      }
      days.push(d);
    }
    releaseBuffers(this.shape, ...this.pieces.map((p) => p.shape));
    this.shape = new Uint8Array(0);
    this.raw = new Int32Array(0);
    this.pieces = [];
    this.length = 0;
    this.shapeCounts.fill(0);
    return { days, first, last, bad };
  }

  private grow(): void {
    this.resize(this.shape.length * 2);
  }

  private resize(capacity: number): void {
    const shape = new Uint8Array(capacity);
    shape.set(this.shape.subarray(0, this.length));
    releaseBuffers(this.shape);
    this.shape = shape;
    const raw = new Int32Array(capacity);
    raw.set(this.raw.subarray(0, this.length));
    releaseBuffers(this.raw);
    this.raw = raw;
  }
}

/** Day numbers of cells under a reading; cells that do not fit it are {@link NO_DAY} (see DateColumn.days). */
function daysOf(shape: Uint8Array, raw: Int32Array, reading: DateReading): { days: Int32Array; first: number; last: number; bad: number } {
  const n = shape.length;
  const days = new Int32Array(n);
  let first = Infinity;
  let last = -Infinity;
  let bad = 0;
  if (reading === 'day-first' || reading === 'month-first') {
    const dayFirst = reading === 'day-first';
    for (let i = 0; i < n; i++) {
      const d = shape[i] === Shape.DayMonthYear ? dayMonthDay(raw[i], dayFirst) : NO_DAY;
      days[i] = d;
      if (d === NO_DAY) bad++;
      else {
        if (d < first) first = d;
        if (d > last) last = d;
      }
    }
  } else {
    const want = SHAPE_OF[reading];
    for (let i = 0; i < n; i++) {
      if (shape[i] !== want) {
        days[i] = NO_DAY;
        bad++;
        continue;
      }
      const d = raw[i];
      days[i] = d;
      if (d < first) first = d;
      if (d > last) last = d;
    }
  }
  return { days, first, last, bad };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day of a day/month/year cell's raw value (year·10000 + first·100 + second), or {@link NO_DAY}. */
function dayMonthDay(raw: number, dayFirst: boolean): number {
  const y = Math.floor(raw / 10000);
  const a = Math.floor(raw / 100) % 100;
  const b = raw % 100;
  const m = dayFirst ? b : a;
  const d = dayFirst ? a : b;
  return validDate(y, m, d) ? daysFromCivil(y, m, d) : NO_DAY;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]);
}
