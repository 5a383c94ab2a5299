import { intLiteral } from './sql-dialect.ts';
import { commentText, type SqlContext, type SqlStep } from './sql-step.ts';

/**
 * Steps 1 to 4, from the input table to the lines of the analysis window: the mapping, the
 * rows without an id, date or amount, the cleaning rules, the analysis-date window. As the app:
 * ids trimmed and "17850.0" read as "17850"; a line's revenue is its amount (or quantity × unit
 * price), in exact ten-thousandths for the sums; identical rows are told by every column.
 */
export function transactionSteps({ d, input }: SqlContext): SqlStep[] {
  const { source, settings } = input;
  const col = (role: keyof typeof source.columns): string | null => {
    const name = source.columns[role];
    return name === undefined ? null : d.quote(name);
  };
  const customer = col('customer');
  const date = col('date');
  if (!customer || !date) throw new Error('transactionSteps: the mapping needs a customer and a date column');
  const order = col('order');
  const amountCol = col('amount');
  const quantity = col('quantity');
  const price = col('price');
  const product = col('product');
  if (!amountCol && !(quantity && price)) throw new Error('transactionSteps: the mapping needs an amount column, or quantity and price');
  const text = (c: string) => `TRIM(CAST(${c} AS STRING))`;
  const float = (c: string) => `CAST(${c} AS ${d.floatType})`;
  const all = source.header.map((h) => d.partitionKey(d.quote(h)));
  const mapped = [
    `${text(customer)} AS customer_raw,`,
    `${d.dayNumber(date)} AS day,`,
    `${order ? text(order) : 'CAST(NULL AS STRING)'} AS order_raw,`,
    `${amountCol ? float(amountCol) : `${float(quantity!)} * ${float(price!)}`} AS amount,`,
    `${!amountCol ? float(price!) : `CAST(NULL AS ${d.floatType})`} AS price,`,
    `${product ? text(product) : 'CAST(NULL AS STRING)'} AS product,`,
    `ROW_NUMBER() OVER (PARTITION BY ${all.join(', ')} ORDER BY ${all[0]}) AS copy_number`,
  ];
  const markers = [...new Set(['', ...source.missingMarkers.map((m) => m.trim())])].map((m) => d.text(m)).join(', ');
  const missing = (c: string) => `(${c} IS NULL OR ${c} IN (${markers}))`;
  const id = d.stripFloatZeros('customer_raw');

  const policy = source.cleaning;
  const conditions: string[] = [];
  if (policy.returns === 'exclude') conditions.push(`-- returns and cancellations left out`, `NOT (amount < 0 OR COALESCE(${d.cancelledOrder('order_raw')}, FALSE))`);
  if (policy.duplicates === 'drop') conditions.push('-- exact duplicate rows dropped (the first copy stays)', 'copy_number = 1');
  if (policy.nonPositivePrice === 'exclude' && !amountCol) conditions.push('-- unit price of zero or below left out', 'NOT COALESCE(price <= 0, FALSE)');
  if (policy.nonProduct === 'exclude' && product) conditions.push('-- non-product lines (a product code without a digit) left out', `NOT COALESCE(product <> '' AND NOT ${d.hasDigit('product')}, FALSE)`);
  const where: string[] = [];
  for (let i = 0; i < conditions.length; i += 2) where.push(`  ${conditions[i]}`, `  ${where.length === 0 ? 'WHERE' : 'AND'} ${conditions[i + 1]}`);

  const day = settings.rfm.analysisDay;
  const windowDay = source.analysisDay;
  return [
    {
      name: 'mapped',
      comment: `1. The mapping: the file's columns in their roles (customer ${commentText(source.columns.customer!)}, date ${commentText(source.columns.date!)}${order ? `, order ${commentText(source.columns.order!)}` : ''}${amountCol ? `, amount ${commentText(source.columns.amount!)}` : `, revenue = ${commentText(source.columns.quantity!)} × ${commentText(source.columns.price!)}`}), dates as day numbers; copy_number counts identical rows (every column equal).`,
      sql: `SELECT\n  ${mapped.join('\n  ')}\nFROM ${qualified(input.table, d.quote)}`,
    },
    {
      name: 'with_ids',
      comment: `2. Missing ids: rows without a customer id, a date or an amount are skipped (empty or one of the missing-value markers); an id written as a float ("17850.0") is the integer; a missing order id joins the customer's other lines without one.`,
      sql: [
        'SELECT',
        `  ${id} AS customer_id,`,
        '  day,',
        `  CASE WHEN ${missing('order_raw')} THEN '' ELSE order_raw END AS order_id,`,
        '  order_raw, amount, price, product, copy_number',
        'FROM mapped',
        `WHERE customer_raw IS NOT NULL AND NOT ${missing(id)}`,
        '  AND day IS NOT NULL AND amount IS NOT NULL',
      ].join('\n'),
    },
    {
      name: 'cleaned',
      comment: `3. Cleaning, as set in the app: returns ${policy.returns === 'net' ? 'netted against the customer' : 'left out'}, duplicates ${policy.duplicates === 'drop' ? 'dropped' : 'kept'}, non-positive prices ${policy.nonPositivePrice === 'exclude' && !amountCol ? 'left out' : 'kept'}, non-product lines ${policy.nonProduct === 'exclude' && product ? 'left out' : 'kept'}. units: the line's revenue in ten-thousandths (rounded half away from zero), so sums are exact.`,
      sql: [
        'SELECT',
        '  customer_id, day, order_id, amount,',
        `  CAST(ROUND(amount * 10000) AS ${d.intType}) AS units`,
        'FROM with_ids',
        ...where,
      ].join('\n'),
    },
    {
      name: 'analysis_date',
      comment: `4a. The analysis date: ${windowDay === null ? 'the day after the last transaction kept' : `set in the app to ${formatDay(windowDay)}`} (as a day number)${day !== null && day !== windowDay ? `; recency is measured to ${formatDay(day)}` : ''}.`,
      sql: windowDay === null
        ? `SELECT MAX(day) + 1 AS window_day, ${day === null ? 'MAX(day) + 1' : intLiteral(day)} AS analysis_day FROM cleaned`
        : `SELECT ${intLiteral(windowDay)} AS window_day, ${intLiteral(day ?? windowDay)} AS analysis_day`,
    },
    {
      name: 'windowed',
      comment: '4b. The analysis-date window: lines dated after the analysis date are left out, so every metric sees the same lines.',
      sql: 'SELECT c.*, a.analysis_day\nFROM cleaned c\nCROSS JOIN analysis_date a\nWHERE c.day <= a.window_day',
    },
  ];
}

/** A possibly qualified table name ("sales.transactions"), each part quoted. */
export function qualified(table: string, quote: (name: string) => string): string {
  return table.split('.').map((part) => quote(part.trim())).join('.');
}

/** A day number as YYYY-MM-DD. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

