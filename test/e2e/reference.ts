import Papa from 'papaparse';

export interface ReferenceFigures {
  customers: number;
  orders: number;
  revenue: number;
  /** Rows with an empty customer id, quantity or price (or one written NA, null, ...). */
  missing: number;
  /** Rows with a value there that does not read. */
  skipped: number;
}

/** The app's default missing-value markers, written out again here on purpose. */
const MISSING = new Set(['', 'NA', 'N/A', '#N/A', 'null', 'NULL', 'None', 'NaN', '-']);

/**
 * An independent, deliberately plain computation of the summary figures for a transactions
 * CSV with named columns: papaparse with header objects, Maps and Sets, no shared code with
 * the app. Rules (the app's defaults): a row needs a customer id, a YYYY-MM-DD date and
 * numeric amounts; exact duplicate rows count once; lines with a unit price of zero or below
 * are left out; a purchase line has revenue > 0; orders are distinct order ids with a purchase
 * line; revenue is the net sum (returns included) of a purchasing customer's lines.
 */
export function referenceFigures(
  csv: string,
  cols: { customer: string; date: string; order: string; quantity: string; price: string },
): ReferenceFigures {
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  const orders = new Map<string, Set<string>>();
  const net = new Map<string, number>();
  let skipped = 0;
  let missing = 0;
  const seen = new Set<string>();
  for (const row of rows) {
    const id = (row[cols.customer] ?? '').trim().replace(/\.0+$/, '');
    if ([id, row[cols.date], row[cols.quantity], row[cols.price]].some((v) => MISSING.has((v ?? '').trim()))) {
      missing++;
      continue;
    }
    const q = Number(row[cols.quantity]);
    const p = Number(row[cols.price]);
    const dateOk = /^\d{4}-\d{2}-\d{2}/.test(row[cols.date] ?? '');
    if (!id || !dateOk || row[cols.quantity]?.trim() === '' || row[cols.price]?.trim() === '' || Number.isNaN(q) || Number.isNaN(p)) {
      skipped++;
      continue;
    }
    const key = JSON.stringify(row);
    if (seen.has(key)) continue;
    seen.add(key);
    if (p <= 0) continue;
    const amount = q * p;
    net.set(id, (net.get(id) ?? 0) + amount);
    if (amount > 0) {
      if (!orders.has(id)) orders.set(id, new Set());
      orders.get(id)!.add(row[cols.order].trim());
    }
  }
  let orderCount = 0;
  let revenue = 0;
  for (const [id, set] of orders) {
    orderCount += set.size;
    revenue += net.get(id)!;
  }
  return { customers: orders.size, orders: orderCount, revenue, missing, skipped };
}

/** "1,234.50" -> 1234.5 */
export function readNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}
