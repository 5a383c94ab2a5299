import type { SqlContext, SqlStep } from './sql-step.ts';

/**
 * Step 5, one row per customer with a purchase line (amount > 0), as the app's metrics:
 * frequency counts distinct orders with a purchase line (without an order column, distinct
 * purchase days); net revenue sums every line kept, returns included; first and last purchase
 * are the days of purchase lines; gaps are between consecutive distinct purchase days.
 */
export function customerMetricSteps({ d, input }: SqlContext): SqlStep[] {
  const orderKey = input.source.columns.order === undefined ? 'day' : 'order_id';
  return [
    {
      name: 'purchase_days',
      comment: '5a. Each customer\'s distinct purchase days (days with a line of positive amount).',
      sql: 'SELECT DISTINCT customer_id, day\nFROM windowed\nWHERE amount > 0',
    },
    {
      name: 'purchase_gaps',
      comment: '5b. Days between consecutive purchase days, and their median per customer (the mean of the middle two for an even count).',
      sql: [
        'SELECT customer_id, MAX(median_gap) AS median_gap',
        'FROM (',
        `  SELECT customer_id, ${d.median('gap', 'customer_id')} AS median_gap`,
        '  FROM (',
        '    SELECT customer_id, day - LAG(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap',
        '    FROM purchase_days',
        '  ) g',
        '  WHERE gap IS NOT NULL',
        ') m',
        'GROUP BY customer_id',
      ].join('\n'),
    },
    {
      name: 'customer_lines',
      comment: `5c. Per-customer sums: orders (${orderKey === 'day' ? 'distinct purchase days: the file has no order column' : 'distinct order ids with a purchase line'}), net revenue in ten-thousandths, first and last purchase day, purchase days, return lines. Customers without a purchase line are left out.`,
      sql: [
        'SELECT',
        '  customer_id,',
        `  COUNT(DISTINCT CASE WHEN amount > 0 THEN ${orderKey} END) AS frequency,`,
        '  SUM(units) AS units,',
        '  MIN(CASE WHEN amount > 0 THEN day END) AS first_day,',
        '  MAX(CASE WHEN amount > 0 THEN day END) AS last_day,',
        '  COUNT(DISTINCT CASE WHEN amount > 0 THEN day END) AS purchase_day_count,',
        '  SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) AS return_lines,',
        '  MAX(analysis_day) AS analysis_day',
        'FROM windowed',
        'GROUP BY customer_id',
        `HAVING COUNT(DISTINCT CASE WHEN amount > 0 THEN ${orderKey} END) > 0`,
      ].join('\n'),
    },
    {
      name: 'customer_metrics',
      comment: '5d. The metrics: recency (days from the last purchase to the analysis date), net revenue (monetary), average order value, tenure, purchase gaps, days overdue.',
      sql: [
        'SELECT',
        '  c.customer_id, c.frequency, c.units, c.first_day, c.last_day, c.purchase_day_count, c.return_lines, c.analysis_day,',
        '  c.analysis_day - c.last_day AS recency_days,',
        `  CAST(c.units AS ${d.floatType}) / 10000 AS monetary_value,`,
        `  CAST(c.units AS ${d.floatType}) / (10000 * c.frequency) AS average_order_value,`,
        '  c.last_day - c.first_day AS tenure_days,',
        `  CASE WHEN c.purchase_day_count >= 2 THEN CAST(c.last_day - c.first_day AS ${d.floatType}) / (c.purchase_day_count - 1) END AS mean_gap,`,
        `  CAST(g.median_gap AS ${d.floatType}) AS median_gap,`,
        '  c.analysis_day - c.last_day - g.median_gap AS days_overdue',
        'FROM customer_lines c',
        'LEFT JOIN purchase_gaps g ON g.customer_id = c.customer_id',
      ].join('\n'),
    },
  ];
}
