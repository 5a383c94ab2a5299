import type { CostCellReason, SkipReason } from '../types.ts';
import { clipText } from './file-shape-problems.ts';

const LABELS: Record<SkipReason['code'], string> = {
  'missing-customer': 'customer id missing (empty or a missing-value marker such as NA)',
  'missing-date': 'date missing (empty or a missing-value marker such as NA)',
  'missing-amount': 'amount missing (empty or a missing-value marker such as NA)',
  'bad-date': 'date not readable',
  'bad-amount': 'amount not a number',
  'short-row': 'fewer columns than the header',
};

export const COST_CELL_LABELS: Record<CostCellReason['code'], string> = {
  'missing-cost': 'cost missing (empty or a missing-value marker such as NA): counted as 0',
  'bad-cost': 'cost not a number: counted as 0',
};

const MAX_EXAMPLES = 5;

type Reason<C extends string> = { code: C; label: string; count: number; examples: Array<{ row: number; column: string; value: string }> };

/** Counts skipped rows (or other cell problems) per reason and keeps the first few places, for the cleaning report. */
export class SkipCounter<C extends string = SkipReason['code']> {
  private readonly reasons = new Map<C, Reason<C>>();
  total = 0;

  constructor(private readonly labels: Record<C, string> = LABELS as Record<C, string>) {}

  add(code: C, row: number, column: string, value: string): void {
    let r = this.reasons.get(code);
    if (!r) {
      r = { code, label: this.labels[code], count: 0, examples: [] };
      this.reasons.set(code, r);
    }
    r.count++;
    this.total++;
    if (r.examples.length < MAX_EXAMPLES) r.examples.push({ row, column: clipText(column), value: clipText(value) });
  }

  /** Adds the counts of another part of the file, whose row numbers start after `rowOffset`. */
  merge(reasons: readonly Reason<C>[], rowOffset: number): void {
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

  get(code: C): Reason<C> | undefined {
    return this.reasons.get(code);
  }

  list(): Reason<C>[] {
    return [...this.reasons.values()].sort((a, b) => b.count - a.count);
  }
}
