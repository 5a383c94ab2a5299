const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * A streaming RFC 4180 tokenizer: text arrives in chunks cut anywhere (inside quotes, between
 * CR and LF, inside a doubled quote) and complete records come out through `onRow`.
 *
 * The `fields` array passed to `onRow` is reused for the next record: copy what you keep.
 * Blank lines are skipped. A quote that is never closed is reported through
 * {@link CsvTokenizer.unclosedQuoteRecord} rather than thrown, so the caller can say where.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly onRow: (fields: string[], record: number) => void;
  private fields: string[] = [];
  private field = '';
  private state = State.FieldStart;
  private afterCR = false;
  private quotedRecordStart = 0;
  /** Records emitted so far (1-based number of the last one). */
  records = 0;
  /** The 1-based record where a quote opened and never closed, or null. */
  unclosedQuoteRecord: number | null = null;

  constructor(delimiter: string, onRow: (fields: string[], record: number) => void) {
    if (delimiter.length !== 1) throw new Error(`CsvTokenizer: delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
    this.onRow = onRow;
  }

  push(text: string): void {
    const d = this.delimiter;
    const n = text.length;
    let i = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quotedRecordStart = this.records + 1;
            start = ++i;
            continue;
          }
          // Not a quote: look at the same character again as part of an unquoted field.
          this.state = State.Unquoted;
          start = i;
          continue;
        case State.Unquoted:
          if (c === d) {
            this.endField(text.slice(start, i));
            this.state = State.FieldStart;
            start = ++i;
          } else if (c === LF || c === CR) {
            this.endField(text.slice(start, i));
            this.endRecord();
            if (c === CR) {
              if (i + 1 < n) {
                if (text.charCodeAt(i + 1) === LF) i++;
              } else this.afterCR = true;
            }
            this.state = State.FieldStart;
            start = ++i;
          } else i++;
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.state = State.QuoteInQuoted;
            start = ++i;
          } else i++;
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            start = ++i;
          } else {
            // The quoted part ended; anything before the next delimiter is kept as text,
            // as papaparse and spreadsheets do with `"a"b`.
            this.state = State.Unquoted;
            start = i;
          }
          continue;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(start, n);
  }

  /** Flushes the last record (a file need not end with a newline). */
  finish(): void {
    if (this.state === State.Quoted) this.unclosedQuoteRecord = this.quotedRecordStart;
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.endField('');
      this.endRecord();
    }
    this.state = State.FieldStart;
  }

  private endField(tail: string): void {
    this.fields.push(this.field + tail);
    this.field = '';
  }

  private endRecord(): void {
    const f = this.fields;
    const blank = f.length === 1 && f[0] === '' && this.state !== State.QuoteInQuoted;
    if (!blank) {
      this.records++;
      this.onRow(f, this.records);
    }
    f.length = 0;
  }
}

/**
 * Picks the delimiter from the first record of a file: the candidate that occurs most often
 * outside quotes. Falls back to a comma for single-column files.
 */
export function sniffDelimiter(head: string): string {
  const candidates = [',', ';', '\t', '|'];
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const ch = head[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const c of candidates) {
    const k = counts.get(c)!;
    if (k > bestCount) {
      best = c;
      bestCount = k;
    }
  }
  return best;
}
