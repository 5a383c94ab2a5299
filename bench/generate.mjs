// Deterministic synthetic transactions for the benchmark, cached in bench/cache/.
// About one customer per 20 rows with skewed activity (a few customers buy a lot), two years
// of ISO dates, amounts with two decimals, about 8% return lines with negative amounts,
// order id, category, channel and country.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../scripts/mulberry32.mjs';

const CATEGORIES = ['Home', 'Garden', 'Toys', 'Books', 'Kitchen', 'Sport', 'Beauty', 'Music', 'Office', 'Pets', 'Fashion', 'Tools'];
const CHANNELS = ['web', 'store', 'app', 'phone'];
const COUNTRIES = ['United Kingdom', 'Germany', 'France', 'Spain', 'Poland', 'Portugal', 'Netherlands', 'Ireland', 'Italy', 'Belgium'];
const START_DAY = Date.UTC(2023, 0, 1) / 86_400_000;

const isoDay = (day) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Path of the cached file with `rows` data rows, generating it first if needed. */
export function generateTransactions(rows, dir = 'bench/cache') {
  const path = join(dir, `transactions-${rows}.csv`);
  if (existsSync(path)) return { path, bytes: statSync(path).size };
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(20261123);
  const customers = Math.max(1, Math.round(rows / 20));
  const fd = openSync(`${path}.partial`, 'w');
  writeSync(fd, 'order_id,customer_id,order_date,amount,category,channel,country\n');
  let buf = '';
  let written = 0;
  let order = 0;
  while (written < rows) {
    // u^3 skews activity: low customer numbers order far more often. The multiplication by a
    // prime scatters the busy customers over the id range.
    const c = (Math.floor(customers * rand() ** 3) * 7919) % customers;
    const day = START_DAY + Math.floor(rand() * 730);
    const date = isoDay(day);
    const country = COUNTRIES[c % COUNTRIES.length];
    const channel = CHANNELS[Math.floor(rand() * CHANNELS.length)];
    const lines = Math.min(rows - written, 1 + Math.floor(rand() * 4));
    const isReturn = rand() < 0.08;
    const id = `${isReturn ? 'R' : 'O'}${++order}`;
    for (let l = 0; l < lines; l++) {
      const amount = (2 + 150 * rand() ** 2).toFixed(2);
      buf += `${id},CUST${c},${date},${isReturn ? '-' : ''}${amount},${CATEGORIES[Math.floor(rand() * CATEGORIES.length)]},${channel},${country}\n`;
    }
    written += lines;
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  renameSync(`${path}.partial`, path);
  return { path, bytes: statSync(path).size };
}
