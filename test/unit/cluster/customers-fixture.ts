// A customer table with three clear groups of 30 and known answers, for the customer clustering tests.
import type { CustomerTable } from '../../../src/core/types.ts';

export const ANALYSIS_DAY = 1000;

/** Per group: [recency days, orders, net revenue] at the group's centre. */
const GROUPS = [
  [3, 25, 1500], // bought lately, often, a lot
  [350, 1, 20], // one order long ago
  [75, 5, 220], // in between
];

/** 90 customers, interleaved so no method profits from the order; `truth[i]` is the group of customer i. */
export function threeGroups(): { table: CustomerTable; truth: Int32Array } {
  const n = 90;
  const truth = new Int32Array(n);
  const lastDay = new Int32Array(n);
  const frequency = new Uint32Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % 3;
    const j = Math.floor(i / 3) - 15; // -15..14: a small spread around the centre
    const [recency, orders, revenue] = GROUPS[g];
    truth[i] = g;
    lastDay[i] = ANALYSIS_DAY - Math.max(1, recency + Math.round(j * recency * 0.01));
    frequency[i] = orders === 1 ? 1 : orders + (j % 2);
    monetary[i] = revenue * (1 + j * 0.01);
  }
  return { table: { n, ids: Array.from({ length: n }, (_, i) => `c${i}`), firstDay: new Int32Array(n), lastDay, frequency, monetary }, truth };
}

/** The same table with another customer list length, by repetition. */
export function tiny(n: number): CustomerTable {
  const { table } = threeGroups();
  const pick = <T extends Int32Array | Uint32Array | Float64Array>(a: T): T => a.slice(0, n) as T;
  return { n, ids: table.ids.slice(0, n), firstDay: pick(table.firstDay), lastDay: pick(table.lastDay), frequency: pick(table.frequency), monetary: pick(table.monetary) };
}
