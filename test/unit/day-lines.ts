import type { TransactionColumns } from '../../src/core/index.ts';

/**
 * Transaction columns from [customer id, day, amount] lines, for tests of what is built from
 * purchase days: customer codes follow `ids` (default: the ids in order of first appearance).
 */
export function dayLines(lines: Array<[customer: string, day: number, amount: number]>, ids: string[] = [...new Set(lines.map((l) => l[0]))]): TransactionColumns {
  return {
    length: lines.length,
    customer: Int32Array.from(lines, (l) => ids.indexOf(l[0])),
    day: Int32Array.from(lines, (l) => l[1]),
    amount: Float64Array.from(lines, (l) => l[2]),
    order: null, customerIds: ids, orderIds: null, orderCount: 0,
    quantity: null, category: null, categoryNames: null, channel: null, channelNames: null,
  };
}
