// DuckDB-WASM as the benchmark's yardstick: the same file, in the same page, read and grouped
// by customer. Only the benchmark uses it; it is a dev dependency and never part of dist/.
// The browser bundle is served from node_modules by the bench's static server (no CDN, no
// network): the worker and the .wasm as published, the ESM entry bundled once with Vite
// because it imports apache-arrow by its bare name, which a browser cannot resolve.
import { existsSync, readFileSync } from 'node:fs';
import { build } from 'vite';

const PKG = 'node_modules/@duckdb/duckdb-wasm';
/** URL prefix of the published files (worker, .wasm) and of the bundled ESM entry. */
export const DUCKDB_DIST = '/bench-duckdb/dist/';
export const DUCKDB_ESM = '/bench-duckdb/esm/';

/** Bundles the ESM entry (once per version) and returns the server mounts for serveDist. */
export async function prepareDuckdb() {
  const { version } = JSON.parse(readFileSync(`${PKG}/package.json`, 'utf8'));
  const outDir = `node_modules/.cache/bench-duckdb-${version}`;
  if (!existsSync(`${outDir}/duckdb-browser.mjs`)) {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        copyPublicDir: false,
        lib: { entry: `${PKG}/dist/duckdb-browser.mjs`, formats: ['es'], fileName: () => 'duckdb-browser.mjs' },
      },
    });
  }
  return { [DUCKDB_DIST]: `${PKG}/dist/`, [DUCKDB_ESM]: outDir };
}

/**
 * Before the app loads: keeps the File chosen through the file input (the app empties the
 * input once it has taken the file, so it can be chosen again), for DuckDB to read the very
 * same File object.
 */
export function keepChosenFile(page) {
  return page.addInitScript(() => {
    addEventListener('change', (e) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'file' && e.target.files?.[0]) window.__benchFile = e.target.files[0];
    }, { capture: true });
  });
}

/**
 * Runs in the page, after the app has shown its figures for the file chosen (keepChosenFile): loads
 * DuckDB-WASM (EH bundle, one thread), registers that same File and builds the per-customer
 * table with our definitions (identical rows kept, as our default cleaning does for a file
 * without a product column, like the generated one; a
 * customer needs a purchase line, amount > 0; orders are distinct order ids with a purchase
 * line; revenue is the net sum of all the customer's lines). `ms` covers the whole of it:
 * loading the module, starting the worker, instantiating, reading the CSV and grouping.
 */
async function duckdbInPage({ dist, esm }) {
  const file = window.__benchFile;
  if (!(file instanceof File)) throw new Error('bench: no File was chosen through the file input');
  const url = (path) => new URL(path, location.href).href;
  const t0 = performance.now();
  const duckdb = await import(url(`${esm}duckdb-browser.mjs`));
  const worker = new Worker(url(`${dist}duckdb-browser-eh.worker.js`));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(url(`${dist}duckdb-eh.wasm`));
    const instantiated = performance.now();
    await db.registerFileHandle('transactions.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const conn = await db.connect();
    await conn.query(`
      CREATE TABLE customers AS
      SELECT customer_id,
             max(order_date) FILTER (WHERE amount > 0) AS last_purchase,
             count(DISTINCT order_id) FILTER (WHERE amount > 0) AS orders,
             sum(amount) AS revenue,
             max(amount) AS max_amount
      FROM read_csv('transactions.csv')
      GROUP BY customer_id`);
    const summary = (await conn.query(`
      SELECT count(*)::DOUBLE AS customers, sum(orders)::DOUBLE AS orders, sum(revenue)::DOUBLE AS revenue
      FROM customers WHERE max_amount > 0`)).toArray()[0].toJSON();
    const ms = performance.now() - t0;
    // Not timed: the facts the comparison rests on.
    const facts = (await conn.query(`
      SELECT count(*)::DOUBLE AS rows, (SELECT count(*) FROM (SELECT DISTINCT * FROM read_csv('transactions.csv')))::DOUBLE AS distinct_rows
      FROM read_csv('transactions.csv')`)).toArray()[0].toJSON();
    await conn.close();
    return { ms, instantiateMs: instantiated - t0, ...summary, ...facts, version: await db.getVersion() };
  } finally {
    await db.terminate();
  }
}

/** Runs DuckDB on the file chosen in the page; see duckdbInPage. */
export function duckdbOnPageFile(page) {
  return page.evaluate(duckdbInPage, { dist: DUCKDB_DIST, esm: DUCKDB_ESM });
}

/**
 * The app's figures as shown ("242,843", "12,345,678.90") against DuckDB's. Throws when
 * customers or orders differ, or revenue by more than a cent (or 1e-9 of it, for large sums).
 */
export function checkAgainstDuckdb(rows, app, duck) {
  const problems = [];
  if (app.customers !== duck.customers) problems.push(`customers: app ${app.customers}, DuckDB ${duck.customers}`);
  if (app.orders !== duck.orders) problems.push(`orders: app ${app.orders}, DuckDB ${duck.orders}`);
  const tolerance = Math.max(0.01, 1e-9 * Math.abs(duck.revenue));
  if (!(Math.abs(app.revenue - duck.revenue) <= tolerance)) problems.push(`revenue: app ${app.revenue.toFixed(2)}, DuckDB ${duck.revenue.toFixed(2)}`);
  if (problems.length > 0) throw new Error(`bench: ${rows} rows: the app and DuckDB-WASM disagree: ${problems.join('; ')}`);
}
