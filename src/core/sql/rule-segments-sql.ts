import type { Rule, RuleCondition } from '../rules/rule-types.ts';
import { doubleLiteral } from './sql-dialect.ts';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * The rule fields the script computes, by the app's field id: the column (of the last step)
 * holding it and whether it is text.
 */
export const SQL_RULE_FIELDS: Readonly<Record<string, { column: string; text: boolean }>> = Object.freeze({
  recency: { column: 'recency_days', text: false },
  frequency: { column: 'frequency', text: false },
  monetary: { column: 'monetary_value', text: false },
  averageOrderValue: { column: 'average_order_value', text: false },
  tenureDays: { column: 'tenure_days', text: false },
  returnLines: { column: 'return_lines', text: false },
  purchaseDays: { column: 'purchase_day_count', text: false },
  meanGapDays: { column: 'mean_gap', text: false },
  medianGapDays: { column: 'median_gap', text: false },
  daysOverdue: { column: 'days_overdue', text: false },
  rScore: { column: 'r_score', text: false },
  fScore: { column: 'f_score', text: false },
  mScore: { column: 'm_score', text: false },
  rfmSegment: { column: 'rfm_segment', text: true },
  valueBand: { column: 'value_band', text: true },
  lifecycle: { column: 'lifecycle', text: true },
  buyerType: { column: 'buyer_type', text: true },
  cluster: { column: 'cluster_name', text: true },
});

/** The fields of a rule the script cannot compute (attributes, lifetime value, channel and category metrics...). */
export function fieldsOutsideSql(rule: Rule): string[] {
  const out = new Set<string>();
  const walk = (node: Rule) => {
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else if (!Object.hasOwn(SQL_RULE_FIELDS, node.field)) out.add(node.field);
  };
  walk(rule);
  return [...out];
}

/**
 * A rule as a WHERE expression: `all` groups as AND, `any` as OR. Empty values are NULL in SQL,
 * and a comparison with NULL is not true, which is the app's rule: empty matches only "is empty".
 *
 * @throws Error when the rule uses a field the script does not compute (see fieldsOutsideSql).
 */
export function ruleSql(rule: Rule, d: SqlDialect): string {
  if ('all' in rule || 'any' in rule) {
    const and = 'all' in rule;
    const items = and ? rule.all : rule.any;
    return `(${items.map((r) => ruleSql(r, d)).join(and ? ' AND ' : ' OR ')})`;
  }
  return conditionSql(rule, d);
}

function conditionSql(c: RuleCondition, d: SqlDialect): string {
  const field = SQL_RULE_FIELDS[c.field];
  if (!Object.hasOwn(SQL_RULE_FIELDS, c.field)) throw new Error(`ruleSql: the field "${c.field}" is not computed by the SQL export`);
  const col = field.column;
  const value = (v: number | string) => (field.text ? d.text(String(v)) : doubleLiteral(Number(v)));
  const ops = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;
  switch (c.op) {
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
      // Text: the empty text is "empty" too.
      return field.text && c.op === 'ne' ? `(${col} <> ${value(c.value)} AND ${col} <> '')` : `${col} ${ops[c.op]} ${value(c.value)}`;
    case 'between':
      return `${col} BETWEEN ${doubleLiteral(c.min)} AND ${doubleLiteral(c.max)}`;
    case 'in':
      return c.values.length === 0 ? 'FALSE' : `${col} IN (${c.values.map(value).join(', ')})`;
    case 'empty':
      return field.text ? `(${col} IS NULL OR ${col} = '')` : `${col} IS NULL`;
    case 'notEmpty':
      return field.text ? `(${col} IS NOT NULL AND ${col} <> '')` : `${col} IS NOT NULL`;
  }
}
