import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { aggregateCustomers, daysFromCivil } from '../../../src/core/index.ts';
import type { CustomerTable, TransactionColumns } from '../../../src/core/index.ts';
import { purchaseDayHistory, type PurchaseDayHistory } from '../../../src/core/metrics/purchase-day-history.ts';

const here = new URL('../../fixtures/cdnow/', import.meta.url);

/** 1997-09-30, the calibration end of the published CDNOW fits. */
export const CALIBRATION_END = daysFromCivil(1997, 9, 30);
/** 1998-06-30, the end of the 39-week holdout. */
export const HOLDOUT_END = daysFromCivil(1998, 6, 30);

/**
 * CDNOW transactions as the ingest would give them (customer codes in first-seen order, UTC day
 * numbers, dollars), read with a plain split so the test does not lean on the app's parser.
 * Customers are named by the sample id in the sample, the master id in the master file.
 *
 * The published summary counts a line of 1 CD for $0.00 as a purchase (8 customers of the
 * sample have nothing else); the app counts only lines with an amount above 0. With
 * `freePurchases` those lines get $0.000001, so the app's rule counts them as the papers do.
 */
export function cdnowTransactions(file: 'sample' | 'master', { freePurchases = false } = {}): { tx: TransactionColumns; customers: CustomerTable; history: PurchaseDayHistory } {
  const text = file === 'sample'
    ? readFileSync(new URL('CDNOW_sample.txt', here), 'utf8')
    : gunzipSync(readFileSync(new URL('CDNOW_master.txt.gz', here))).toString('utf8');
  const lines = text.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 4 && /^\d+$/.test(f[0]));
  const idCol = file === 'sample' ? 1 : 0;
  const dateCol = file === 'sample' ? 2 : 1;
  const amountCol = file === 'sample' ? 4 : 3;
  const codes = new Map<string, number>();
  const customer = new Int32Array(lines.length);
  const day = new Int32Array(lines.length);
  const amount = new Float64Array(lines.length);
  lines.forEach((f, i) => {
    const id = String(Number(f[idCol]));
    let c = codes.get(id);
    if (c === undefined) codes.set(id, (c = codes.size));
    customer[i] = c;
    const d = f[dateCol];
    day[i] = daysFromCivil(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6, 8)));
    amount[i] = Number(f[amountCol]) || (freePurchases ? 1e-6 : 0);
  });
  const tx: TransactionColumns = {
    length: lines.length, customer, day, amount, order: null, customerIds: [...codes.keys()], orderIds: null, orderCount: 0,
    quantity: null, category: null, categoryNames: null, channel: null, channelNames: null,
  };
  const { customers } = aggregateCustomers(tx);
  return { tx, customers, history: purchaseDayHistory(tx, customers) };
}

/** The published summary: sample id → x, t_x, T, zbar (and x_star from the holdout file). */
export function publishedSummary(): Map<string, { x: number; tx: number; T: number; zbar: number; xStar: number }> {
  const read = (name: string) => readFileSync(new URL(name, here), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const holdout = new Map(read('cdnow_summary_with_holdout_xstar.csv').map((r) => [String(r[0]), r[5]]));
  return new Map(read('cdnow_customers_summary_with_transactions.csv').map((r) => [String(r[0]), { x: r[1], tx: r[2], T: r[3], zbar: r[4], xStar: holdout.get(String(r[0]))! }]));
}
