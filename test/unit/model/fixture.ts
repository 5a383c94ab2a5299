// Random but reproducible transactions → customer table → metrics, for the segment model tests.
import { aggregateCustomers } from '../../../src/core/metrics/aggregate-customers.ts';
import { metricTable, type MetricTable } from '../../../src/core/metrics/metric-table.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';
import type { CustomerTable, TransactionColumns } from '../../../src/core/types.ts';

export const LAST_DAY = 20_000;
export const CHANNELS = ['web', 'store'];
export const CATEGORIES = ['toys', 'books', 'games'];

/**
 * `customers` customers with 1..12 orders each over the 400 days up to LAST_DAY, a few returns,
 * many ties in frequency (as in real data) and a channel and category per line.
 */
export function randomShop(customers: number, seed = 7): { tx: TransactionColumns; table: CustomerTable; metrics: MetricTable } {
  const random = seededRandom(seed);
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const order: number[] = [];
  const quantity: number[] = [];
  const channel: number[] = [];
  const category: number[] = [];
  let orders = 0;
  for (let c = 0; c < customers; c++) {
    const count = 1 + Math.floor(random() ** 2 * 12);
    for (let k = 0; k < count; k++) {
      const d = LAST_DAY - Math.floor(random() * 400);
      const o = orders++;
      const lines = 1 + Math.floor(random() * 3);
      for (let l = 0; l < lines; l++) {
        customer.push(c);
        day.push(d);
        amount.push(Math.round(random() * 20000) / 100 + 1);
        order.push(o);
        quantity.push(1 + Math.floor(random() * 5));
        channel.push(Math.floor(random() * CHANNELS.length));
        category.push(Math.floor(random() * CATEGORIES.length));
      }
      if (random() < 0.05) {
        customer.push(c);
        day.push(d);
        amount.push(-5);
        order.push(o);
        quantity.push(-1);
        channel.push(0);
        category.push(0);
      }
    }
  }
  const tx: TransactionColumns = {
    length: customer.length,
    customer: Int32Array.from(customer),
    day: Int32Array.from(day),
    amount: Float64Array.from(amount),
    order: Int32Array.from(order),
    customerIds: Array.from({ length: customers }, (_, i) => `c${i}`),
    orderIds: Array.from({ length: orders }, (_, i) => `o${i}`),
    orderCount: orders,
    quantity: Float64Array.from(quantity),
    category: Int32Array.from(category),
    categoryNames: CATEGORIES,
    channel: Int32Array.from(channel),
    channelNames: CHANNELS,
  };
  const table = aggregateCustomers(tx).customers;
  let last = 0;
  for (let i = 0; i < tx.length; i++) last = Math.max(last, tx.day[i]);
  return { tx, table, metrics: metricTable(tx, table, last + 1) };
}
