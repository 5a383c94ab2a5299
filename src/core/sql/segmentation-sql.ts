import { clusterSteps } from './clusters-sql.ts';
import { customerMetricSteps } from './customer-metrics-sql.ts';
import { rfmScoreStep } from './rfm-scores-sql.ts';
import { fieldsOutsideSql, ruleSql } from './rule-segments-sql.ts';
import { segmentSteps } from './segments-sql.ts';
import { SQL_DIALECTS } from './sql-dialect.ts';
import { fingerprint } from './sql-fingerprint.ts';
import type { SegmentationSqlInput } from './sql-input.ts';
import { commentText, type SqlContext, type SqlStep } from './sql-step.ts';
import { formatDay, qualified, transactionSteps } from './transaction-steps-sql.ts';

/** The table every script ends by creating. */
export const OUTPUT_TABLE = 'customer_segments';

/** Types the script expects of each role's column. */
const ROLE_TYPES = {
  customer: 'text (or integer)',
  date: 'DATE or TIMESTAMP',
  order: 'text',
  amount: 'number',
  quantity: 'number',
  price: 'number',
  product: 'text',
  category: 'text (not used by the script)',
  channel: 'text (not used by the script)',
} as const;

/**
 * The segmentation as one readable SQL script for DuckDB, Spark SQL or BigQuery: a header
 * comment (app version, settings and source fingerprints, the expected input columns and types,
 * the engines targeted), then one statement creating `customer_segments` from the input table
 * through the app's pipeline, one commented CTE per step, with the customers CSV export's
 * columns in its order and names (see README "Running on your warehouse").
 *
 * @throws Error when a rule segment uses a field the script does not compute, or the mapping
 *   lacks a customer, date or amount.
 */
export function segmentationSql(input: SegmentationSqlInput): string {
  const d = SQL_DIALECTS[input.dialect];
  const ctx: SqlContext = { d, input };
  for (const r of input.ruleSegments) {
    if (!('rule' in r)) continue;
    const outside = fieldsOutsideSql(r.rule);
    if (outside.length > 0) throw new Error(`The rule segment "${r.header}" uses ${outside.map((f) => `"${f}"`).join(', ')}, which the SQL export does not compute.`);
  }
  const steps: SqlStep[] = [...transactionSteps(ctx), ...customerMetricSteps(ctx), rfmScoreStep(ctx), ...segmentSteps(ctx)];
  if (input.clusters) steps.push(...clusterSteps(ctx, input.clusters));
  const last = steps[steps.length - 1].name;

  const money = (units: string) => `CAST(${units} AS ${d.moneyType})`;
  // Money to the cent, rounded half away from zero on the exact ten-thousandths, like the export.
  const cents = (num: string, den: string) =>
    `CASE WHEN ${num} < 0 THEN -${d.intDiv(`200 * -${num} + 100 * ${den}`, `200 * ${den}`)} ELSE ${d.intDiv(`200 * ${num} + 100 * ${den}`, `200 * ${den}`)} END`;
  const moneyColumn = (num: string, den: string) => `${money(cents(num, den))} * ${d.decimal('0.01')}`;
  const outputs: Array<[string, string]> = [
    ['customer_id', 'customer_id'],
    ['recency_days', 'recency_days'],
    ['frequency', 'frequency'],
    ['monetary', `CAST(${moneyColumn('units', '100')} AS ${d.moneyType})`],
    ['avg_order_value', `CAST(${moneyColumn('units', '100 * frequency')} AS ${d.moneyType})`],
    ['r_score', 'r_score'],
    ['f_score', 'f_score'],
    ['m_score', 'm_score'],
    ['rfm_segment', 'rfm_segment'],
    ['value_band', 'value_band'],
    ['lifecycle', 'lifecycle'],
  ];
  if (input.lifetimeValue) {
    for (const c of ['p_alive', 'expected_orders', 'expected_aov', 'clv', 'value_to_date', 'gross_margin']) outputs.push([c, `CAST(NULL AS ${d.floatType})`]);
  }
  if (input.clusters) outputs.push(['cluster', 'cluster_name']);
  for (const r of input.ruleSegments) {
    // A fixed list matches customers by id as the file writes them (normalised as in step 2).
    const where = 'rule' in r ? ruleSql(r.rule, d) : r.customers.length === 0 ? 'FALSE' : `customer_id IN (${r.customers.map((id) => d.text(id)).join(', ')})`;
    outputs.push([r.header, `CASE WHEN ${where} THEN 1 ELSE 0 END`]);
  }

  const ctes = steps.map((s) => `-- ${s.comment.split('\n').join('\n')}\n${s.name} AS (\n${s.sql.split('\n').map((l) => `  ${l}`).join('\n')}\n)`);
  const select = [
    `-- The customers export's columns, in its order${input.lifetimeValue ? '; the lifetime-value columns are NULL (the models are fitted in the app)' : ''}${input.ruleSegments.length > 0 ? '; one 1/0 column per rule segment or fixed list' : ''}.`,
    'SELECT',
    outputs.map(([name, expr]) => `  ${expr} AS ${d.quote(name)}`).join(',\n'),
    `FROM ${last}`,
  ].join('\n');
  const query = `WITH\n${ctes.join(',\n\n')}\n\n${select}`;
  const outputTable = qualified([...input.table.split('.').slice(0, -1), OUTPUT_TABLE].join('.'), d.quote);
  return `${header(input)}\n${d.createTable(outputTable, query)}`;
}

function header(input: SegmentationSqlInput): string {
  const d = SQL_DIALECTS[input.dialect];
  const { source, settings } = input;
  const roles = new Map<string, string>();
  for (const [role, column] of Object.entries(source.columns)) if (column !== undefined) roles.set(column, ROLE_TYPES[role as keyof typeof ROLE_TYPES]);
  const columns = source.header.map((h) => `--   ${commentText(h)}: ${roles.get(h) ?? 'any type (used only to tell identical rows apart)'}`);
  const lines = [
    `Customer segmentation from Segment Studio ${commentText(input.appVersion)}, for ${d.label}.`,
    `Engine: ${d.versions}. Run: ${d.run}`,
    `Settings fingerprint: ${fingerprint(JSON.stringify([settings, input.thresholds, input.clusters, input.ruleSegments]))}`,
    `Source file: ${commentText(source.fileName)}, fingerprint ${source.fingerprint} (its name, size, rows, dates, customers, orders and revenue as the app read them).`,
    `Analysis date in the app: ${formatDay(input.fixed.analysisDay)}${settings.rfm.analysisDay === null ? ' (the day after the last transaction; the script takes the day after the input\'s last transaction)' : ''}.`,
    `Thresholds: ${input.thresholds === 'fixed' ? 'fixed, the cut points the app computed (the app\'s answer on the same data)' : 'recomputed, quantiles over the whole input table with the app\'s tie rule'}.`,
    `Input: the table ${commentText(input.table)}, one row per transaction line, with these columns:`,
  ];
  const after = [
    `Output: the table ${OUTPUT_TABLE}, one row per customer, with the columns of the app's customers export.`,
  ];
  if (input.lifetimeValue) after.push('Lifetime value (p_alive, expected_orders, expected_aov, clv, value_to_date, gross_margin) is NULL: the models are fitted in the app, and their predictions need functions these engines lack; value to date and gross margin come with them in the app (gross margin from a cost column is not written in SQL yet).');
  if (input.attributes.length > 0) after.push(`Not included: the customer attributes (${input.attributes.map(commentText).join(', ')}), which come from another file; join them on customer_id.`);
  return [...lines.map((l) => `-- ${l}`), ...columns, ...after.map((l) => `-- ${l}`), ''].join('\n');
}
