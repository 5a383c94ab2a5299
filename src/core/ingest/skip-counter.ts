import type { SkipReason } from '../types.ts';
import { clipText } from './file-shape-problems.ts';

const LABELS: Record<SkipReason['code'], string> = {
  'missing-customer': 'customer id missing (empty or a missing-value marker such as NA)',
  'missing-date': 'date missing (empty or a missing-value marker such as NA)',
  'missing-amount': 'amount missing (empty or a missing-value marker such as NA)',
  'bad-date': 'date not readable',
  'bad-amount': 'amount not a number',
  'short-row': 'fewer columns than the header',
};

const MAX_EXAMPLES = 5;

/** Counts skipped rows per reason and keeps the first few places, for the cleaning report. */
export class SkipCounter {
  private readonly reasons = new Map<SkipReason['code'], SkipReason>();
  total = 0;

  add(code: SkipReason['code'], row: number, column: string, value: string): void {
    let r = this.reasons.get(code);
    if (!r) {
      r = { code, label: LABELS[code], count: 0, examples: [] };
      this.reasons.set(code, r);
    }
    r.count++;
    this.total++;
    if (r.examples.length < MAX_EXAMPLES) r.examples.push({ row, column: clipText(column), value: clipText(value) });
  }

  /** Adds the counts of another part of the file, whose row numbers start after `rowOffset`. */
  merge(reasons: readonly SkipReason[], rowOffset: number): void {
    for (const other of reasons) {
      let r = this.reasons.get(other.code);
      if (!r) {
        r = { code: other.code, label: other.label, count: 0, examples: [] };
        this.reasons.set(other.code, r);
      }
      r.count += other.count;
      this.total += other.count;
      for (const ex of other.examples) if (r.examples.length < MAX_EXAMPLES) r.examples.push({ ...ex, row: ex.row + rowOffset });
    }
  }

  get(code: SkipReason['code']): SkipReason | undefined {
    return this.reasons.get(code);
  }

  list(): SkipReason[] {
    return [...this.reasons.values()].sort((a, b) => b.count - a.count);
  }
}
