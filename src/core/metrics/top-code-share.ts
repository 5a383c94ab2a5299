import type { CodeColumn } from '../types.ts';
import { releaseBuffers } from '../release-buffers.ts';

/** Per customer, the code (channel, category) with the most purchase revenue. */
export interface TopCodeShare {
  /** The code with the most purchase revenue, the lower code on a tie; -1 when no line has a code. */
  top: Int32Array;
  /** That code's part of the customer's purchase revenue (all purchase lines, coded or not); NaN when `top` is -1. */
  share: Float64Array;
  /** Distinct codes on the customer's purchase lines. */
  distinct: Uint32Array;
}

/** The purchase lines and their customers' rows: what {@link topCodeShare} reads. */
export interface CodedLines {
  /** Customer code of each line → customer-table row; -1 for customers not in the table. */
  rowOf: Int32Array;
  /** Customer-table rows. */
  n: number;
  customer: Int32Array;
  amount: Float64Array;
  /** The line's code, -1 for none. */
  codes: CodeColumn;
  /** Number of codes (the length of the names dictionary); codes must be below it. */
  codeCount: number;
  length: number;
}

/** Most sums (rows × codes) held at once: 32 MB. */
const SUMS_BUDGET = 1 << 22;
/** Beyond this many passes over the lines (a file of very many codes), lines are grouped by row first. */
const MAX_PASSES = 8;

/**
 * For each customer-table row, sums purchase revenue (lines with amount > 0) per code and keeps
 * the largest. Lines with code -1 count in the revenue but for no code. Sums are added in file
 * order, so they are the same numbers whichever way they are gathered.
 *
 * The sums are a rows × codes table filled in one pass over the lines, a block of rows at a time
 * when the table would pass {@link SUMS_BUDGET}: no copy of the lines (a grouped copy of each
 * line's amount and codes was 90 MB at 10M lines, the largest part of the metrics step's peak).
 * When that takes more than {@link MAX_PASSES} passes, the purchase lines' numbers are grouped by
 * row (4 bytes a line) and each row's lines summed with one scratch sum per code, reset lazily.
 *
 * @throws Error when a code is not below `codeCount`.
 */
export function topCodeShare(lines: CodedLines): TopCodeShare {
  const { n, codeCount } = lines;
  const out: TopCodeShare = { top: new Int32Array(n).fill(-1), share: new Float64Array(n).fill(NaN), distinct: new Uint32Array(n) };
  if (n === 0) return out;
  const rowsPerPass = Math.max(1, Math.floor(SUMS_BUDGET / Math.max(1, codeCount)));
  if (Math.ceil(n / rowsPerPass) > MAX_PASSES) byRow(lines, out);
  else for (let from = 0; from < n; from += rowsPerPass) rowBlock(lines, from, Math.min(n, from + rowsPerPass), out);
  return out;
}

/** Rows `from .. to - 1` by a table of their sums, filled in one pass over the lines. */
function rowBlock({ rowOf, customer, amount, codes, codeCount, length }: CodedLines, from: number, to: number, out: TopCodeShare): void {
  const sums = new Float64Array((to - from) * codeCount);
  const total = new Float64Array(to - from);
  for (let i = 0; i < length; i++) {
    const a = amount[i];
    if (!(a > 0)) continue;
    const r = rowOf[customer[i]] - from;
    if (r < 0 || r >= to - from) continue;
    total[r] += a;
    const c = codes[i];
    if (c < 0) continue;
    if (c >= codeCount) throw outOfRange(c, codeCount);
    sums[r * codeCount + c] += a;
  }
  for (let r = 0; r < to - from; r++) {
    let best = -1;
    let bestSum = 0;
    let kinds = 0;
    const at = r * codeCount;
    for (let c = 0; c < codeCount; c++) {
      const s = sums[at + c];
      // Purchase lines are > 0, so a code with a line has a sum > 0; ascending codes keep the lower on a tie.
      if (s > 0) {
        kinds++;
        if (s > bestSum) {
          best = c;
          bestSum = s;
        }
      }
    }
    out.distinct[from + r] = kinds;
    if (best >= 0) {
      out.top[from + r] = best;
      out.share[from + r] = bestSum / total[r];
    }
  }
  releaseBuffers(sums, total);
}

/** Every row through its purchase lines' numbers grouped by row, with one scratch sum per code. */
function byRow({ rowOf, n, customer, amount, codes, codeCount, length }: CodedLines, out: TopCodeShare): void {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < length; i++) if (amount[i] > 0 && rowOf[customer[i]] >= 0) start[rowOf[customer[i]] + 1]++;
  for (let r = 0; r < n; r++) start[r + 1] += start[r];
  const next = start.slice(0, n);
  const line = new Int32Array(start[n]);
  for (let i = 0; i < length; i++) if (amount[i] > 0 && rowOf[customer[i]] >= 0) line[next[rowOf[customer[i]]]++] = i;
  const sum = new Float64Array(codeCount);
  const stamp = new Int32Array(codeCount).fill(-1);
  for (let r = 0; r < n; r++) {
    let total = 0;
    let best = -1;
    let bestSum = 0;
    let kinds = 0;
    for (let k = start[r]; k < start[r + 1]; k++) {
      const a = amount[line[k]];
      total += a;
      const c = codes[line[k]];
      if (c < 0) continue;
      if (c >= codeCount) throw outOfRange(c, codeCount);
      if (stamp[c] !== r) {
        stamp[c] = r;
        sum[c] = 0;
        kinds++;
      }
      const s = (sum[c] += a);
      // Sums only grow, so a running maximum ends at the true maximum, and a code reaching the
      // leader's sum takes the lead only if it is lower: the same answer as the table's.
      if (s > bestSum || (s === bestSum && c < best) || best === -1) {
        best = c;
        bestSum = s;
      }
    }
    out.distinct[r] = kinds;
    if (best >= 0) {
      out.top[r] = best;
      out.share[r] = bestSum / total;
    }
  }
  releaseBuffers(start, next, line, sum, stamp);
}

function outOfRange(c: number, codeCount: number): Error {
  return new Error(`topCodeShare: code ${c} is out of range: there are ${codeCount} names`);
}
