import Papa from 'papaparse';

/** One customer as an independent, deliberately plain computation sees them. */
export interface ReferenceCustomer {
  id: string;
  /** Last day with a purchase line, "YYYY-MM-DD". */
  lastDate: string;
  orders: number;
  /** Net revenue: purchase lines and returns. */
  revenue: number;
}

/**
 * Per-customer figures of a transactions CSV with named columns, by the app's default cleaning
 * (as test/e2e/reference.ts): a row needs an id, a YYYY-MM-DD date and numeric quantity and
 * price; exact duplicate rows count once; lines with a unit price of zero or below are left
 * out; a purchase line has revenue above zero; orders are distinct order ids with a purchase
 * line. Papaparse, Maps and Sets: no code shared with the app.
 */
export function referenceCustomers(
  csv: string,
  cols: { customer: string; date: string; order: string; quantity: string; price: string },
): ReferenceCustomer[] {
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  const seen = new Set<string>();
  const byId = new Map<string, { last: string; orders: Set<string>; revenue: number }>();
  for (const row of rows) {
    const id = (row[cols.customer] ?? '').trim().replace(/\.0+$/, '');
    const date = /^\d{4}-\d{2}-\d{2}/.exec(row[cols.date] ?? '')?.[0];
    const q = Number(row[cols.quantity]);
    const p = Number(row[cols.price]);
    if (!id || !date || row[cols.quantity]?.trim() === '' || row[cols.price]?.trim() === '' || Number.isNaN(q) || Number.isNaN(p)) continue;
    const key = JSON.stringify(row);
    if (seen.has(key)) continue;
    seen.add(key);
    if (p <= 0) continue;
    const amount = q * p;
    const c = byId.get(id) ?? { last: '', orders: new Set<string>(), revenue: 0 };
    byId.set(id, c);
    c.revenue += amount;
    if (amount > 0) {
      c.orders.add(row[cols.order].trim());
      if (date > c.last) c.last = date;
    }
  }
  return [...byId].filter(([, c]) => c.orders.size > 0).map(([id, c]) => ({ id, lastDate: c.last, orders: c.orders.size, revenue: c.revenue }));
}

/**
 * Customers per score 1..bins by the documented rule, counted by brute force: a value's score is
 * floor(bins × (values strictly worse) / n) + 1.
 */
export function scoreCounts(values: number[], bins: number, higherIsBetter: boolean): number[] {
  const n = values.length;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    let worse = 0;
    for (const w of values) if (higherIsBetter ? w < v : w > v) worse++;
    counts[Math.min(bins, Math.floor((bins * worse) / n) + 1) - 1]++;
  }
  return counts;
}

/**
 * Customers per value band (high, intermediate, low) when the top `high` share of customers by
 * revenue are high value and the next `intermediate` share intermediate, equal revenue staying
 * together in the lower band, revenue of zero or less always low.
 */
export function quantileBandCounts(revenue: number[], high: number, intermediate: number): number[] {
  const n = revenue.length;
  const counts = [0, 0, 0];
  for (const v of revenue) {
    const below = revenue.filter((w) => w < v).length;
    const top = 1 - below / n;
    counts[!(v > 0) ? 2 : top <= high + 1e-9 ? 0 : top <= high + intermediate + 1e-9 ? 1 : 2]++;
  }
  return counts;
}
