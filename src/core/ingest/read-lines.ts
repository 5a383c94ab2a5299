import { SegmentError } from '../errors.ts';
import { releaseBuffers } from '../release-buffers.ts';
import { aggregateCustomers } from '../metrics/aggregate-customers.ts';
import type { CleaningPolicy, CodeColumn, IngestSummary, Mapping, TransactionColumns, Utf8Values } from '../types.ts';
import type { IngestOutput } from './ingest-types.ts';
import { cleaningAction, defaultCleaning, excludedBits } from './cleaning-rules.ts';

/** The per-line columns of transactions (optional ones null when the mapping does not fill them). */
export interface LineColumns {
  length: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  order: Int32Array | null;
  quantity: Float64Array | null;
  category: CodeColumn | null;
  channel: CodeColumn | null;
  cost: Float64Array | null;
}

/**
 * What the line columns' codes index; `rawCustomerIds`, when the ingest has them, are the
 * customer ids as UTF-8 bytes, which a save writes as they are instead of encoding every id again.
 */
export type LineNames = Pick<TransactionColumns, 'customerIds' | 'orderCount' | 'categoryNames' | 'channelNames'> & { rawCustomerIds?: Utf8Values };

/**
 * The lines of a file as read, before cleaning: every line with a usable date, in file order,
 * with the cleaning rules each falls under (`flags`, bits of cleaning-rules.ts). Any cleaning
 * policy can be applied to them again without the file (see {@link cleanReadLines}).
 */
export interface ReadLines extends LineColumns, LineNames {
  flags: Uint8Array;
}

/**
 * The read lines as the ingest holds them after cleaning: the kept lines compacted (the
 * transaction table), the lines the policy left out beside them, and every line's flags in
 * file order, which say (with `excludedBits`) where each kept and left-out line was.
 */
export interface SplitLines extends LineNames {
  flags: Uint8Array;
  /** {@link excludedBits} of the policy that split the lines. */
  excludedBits: number;
  kept: LineColumns;
  excluded: LineColumns;
}

const OPTIONAL = ['order', 'quantity', 'category', 'channel', 'cost'] as const;

type LineArray = CodeColumn | Float64Array;

/** Every column of `columns` through `f`; an optional column the mapping does not fill stays null. */
function mapColumns(columns: Omit<LineColumns, 'length'>, length: number, f: <T extends LineArray>(col: T) => T): LineColumns {
  const optional = <T extends LineArray>(col: T | null): T | null => (col ? f(col) : null);
  return {
    length,
    customer: f(columns.customer),
    day: f(columns.day),
    amount: f(columns.amount),
    order: optional(columns.order),
    quantity: optional(columns.quantity),
    category: optional(columns.category),
    channel: optional(columns.channel),
    cost: optional(columns.cost),
  };
}

/** The lines `kept` leaves out (0 in `kept`), gathered into new arrays; the columns are untouched. */
export function leftOutLines(columns: Omit<LineColumns, 'length'>, kept: Uint8Array, count: number): LineColumns {
  return mapColumns(columns, count, <T extends LineArray>(col: T): T => {
    const out = new (col.constructor as new (n: number) => T)(count);
    for (let i = 0, j = 0; i < kept.length && j < count; i++) if (!kept[i]) out[j++] = col[i];
    return out;
  });
}

function allocate(like: LineColumns, n: number): LineColumns {
  return {
    length: n,
    customer: new Int32Array(n),
    day: new Int32Array(n),
    amount: new Float64Array(n),
    order: like.order && new Int32Array(n),
    quantity: like.quantity && new Float64Array(n),
    category: like.category && new Int32Array(n),
    channel: like.channel && new Int32Array(n),
    cost: like.cost && new Float64Array(n),
  };
}

/**
 * The read lines back in file order, `rows` at a time (the last batch shorter), merged from the
 * kept and the left-out lines, which stay as they are (the transaction table in use). Every
 * batch is written into one set of arrays, which the next writes over: for a writer done with a
 * batch before it asks for the next (a session's save copies each batch's bytes into a Blob
 * first). Fresh arrays for every batch were memory written for the first time, 15 MB a batch:
 * at 10M lines the save took 4.3 s, 3.6 s with one set. The arrays are freed once the last batch
 * is done with.
 */
export function* readLineBatchesInPlace(split: SplitLines, rows: number): Generator<LineColumns & { flags: Uint8Array }> {
  const scratch = allocate(split.kept, Math.max(0, Math.min(rows, split.flags.length)));
  try {
    yield* mergedBatches(split, rows, (n) => (n === scratch.length ? scratch : mapColumns(scratch, n, <T extends LineArray>(col: T): T => col.subarray(0, n) as T)));
  } finally {
    releaseBuffers(scratch.customer, scratch.day, scratch.amount, scratch.order, scratch.quantity, scratch.category, scratch.channel, scratch.cost);
  }
}

function* mergedBatches(split: SplitLines, rows: number, arraysFor: (n: number) => LineColumns): Generator<LineColumns & { flags: Uint8Array }> {
  const { flags, kept, excluded, excludedBits: bits } = split;
  const total = flags.length;
  if (kept.length + excluded.length !== total) throw new Error(`read lines: ${kept.length} kept and ${excluded.length} left out for ${total} lines`);
  let k = 0;
  let e = 0;
  for (let start = 0; start < total; start += rows) {
    const n = Math.min(rows, total - start);
    const out = arraysFor(n);
    if (excluded.length === 0) {
      // Every line kept, in file order: the batch is a copy of the kept lines', column by column.
      for (const c of ['customer', 'day', 'amount', ...OPTIONAL] as const) {
        const target = out[c];
        if (target) copyInto(target, kept[c]!, k, n);
      }
      k += n;
    } else {
      for (let i = 0; i < n; i++) {
        const keep = (flags[start + i] & bits) === 0;
        const from = keep ? kept : excluded;
        copyLine(out, i, from, keep ? k++ : e++);
      }
    }
    yield { ...out, flags: flags.subarray(start, start + n) };
  }
}

/** Line `at` of `from` into line `i` of `out`, in every column `out` has. */
function copyLine(out: LineColumns, i: number, from: LineColumns, at: number): void {
  out.customer[i] = from.customer[at];
  out.day[i] = from.day[at];
  out.amount[i] = from.amount[at];
  for (const c of OPTIONAL) {
    const target = out[c];
    if (target) target[i] = from[c]![at];
  }
}

/** `n` values of `from` from `at` into the start of `to` (codes widened as they go, Int8 into Int32). */
function copyInto(to: LineArray, from: LineArray, at: number, n: number): void {
  (to as Float64Array).set(from.subarray(at, at + n) as ArrayLike<number>);
}

/** Lines already whole (a session's, read back), `rows` at a time, as views: nothing is copied. */
export function* lineBatchesOf(lines: ReadLines, rows: number): Generator<LineColumns & { flags: Uint8Array }> {
  for (let start = 0; start < lines.length; start += rows) {
    const end = Math.min(lines.length, start + rows);
    yield { ...mapColumns(lines, end - start, <T extends LineArray>(col: T): T => col.subarray(start, end) as T), flags: lines.flags.subarray(start, end) };
  }
}

/** The lines `kept` marks, copied into new arrays (the read lines stay whole for the next policy). */
function keptOnly(lines: LineColumns, kept: Uint8Array | null, used: number): LineColumns {
  if (kept === null) {
    return { length: used, customer: lines.customer.slice(), day: lines.day.slice(), amount: lines.amount.slice(), order: lines.order?.slice() ?? null, quantity: lines.quantity?.slice() ?? null, category: lines.category?.slice() ?? null, channel: lines.channel?.slice() ?? null, cost: lines.cost?.slice() ?? null };
  }
  const out = allocate(lines, used);
  for (let i = 0, j = 0; i < kept.length; i++) {
    if (kept[i]) copyLine(out, j++, lines, i);
  }
  return out;
}

/**
 * Applies a cleaning policy to lines read before (the analyst's choices over the defaults for
 * `read.mapping`), as the ingest does after reading: the same customer table, transactions and
 * summary as reading the file again with that policy. `read.summary` is the summary of the read
 * (its file facts, rule counts and before-cleaning figures do not depend on the policy).
 *
 * @throws SegmentError when the policy leaves no line, or no purchase.
 */
export function cleanReadLines(lines: ReadLines, read: { summary: IngestSummary; mapping: Pick<Mapping, 'product'> }, cleaning: Partial<CleaningPolicy>): IngestOutput {
  const { summary: base } = read;
  const policy: CleaningPolicy = { ...defaultCleaning(read.mapping), ...cleaning };
  const bits = excludedBits(policy);
  const n = lines.length;
  const kept = new Uint8Array(n);
  let used = 0;
  for (let i = 0; i < n; i++) {
    if ((lines.flags[i] & bits) === 0) {
      kept[i] = 1;
      used++;
    }
  }
  if (used === 0) {
    throw new SegmentError({ code: 'no-valid-rows', message: `Every row of "${base.fileName}" was left out by the cleaning rules. Change them (for example keep returns) and read the file again.` });
  }
  const mask = used === n ? null : kept;
  const names: LineNames = { customerIds: lines.customerIds, orderCount: lines.orderCount, categoryNames: lines.categoryNames, channelNames: lines.channelNames };
  const agg = aggregateCustomers({ ...names, ...lines, orderIds: null }, mask);
  if (agg.customers.n === 0) {
    throw new SegmentError({ code: 'no-valid-rows', message: `No row in "${base.fileName}" is a purchase: every amount is zero or negative.` });
  }
  let firstDay = 2147483647;
  let lastDay = -2147483648;
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const d = lines.day[i];
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
  }
  const summary: IngestSummary = {
    ...base,
    rowsUsed: used,
    cleaning: base.cleaning.map((step) => ({ ...step, action: cleaningAction(policy[step.rule]) })),
    cleaningPolicy: policy,
    customers: agg.customers.n,
    customersWithoutPurchase: agg.customersWithoutPurchase,
    orders: agg.orders,
    revenue: agg.revenue,
    returnLines: agg.returnLines,
    firstDay,
    lastDay,
    analysisDay: lastDay + 1,
    linesAfterAnalysisDay: 0,
  };
  const transactions: TransactionColumns = { ...names, orderIds: null, ...keptOnly(lines, mask, used) };
  return { transactions, customers: agg.customers, summary };
}
