import type { FieldCatalog, NumberColumn, Rule, RuleColumn, RuleColumns, RuleCondition, TextColumn } from './rule-types.ts';
import { validateRule } from './validate-rule.ts';

/** The catalog a column store offers: number or text by column type, labels when given. */
export function fieldCatalogFromColumns(columns: RuleColumns, labels: Readonly<Record<string, string>> = {}): FieldCatalog {
  const catalog: Record<string, { kind: 'number' | 'text'; label: string }> = {};
  for (const [field, column] of Object.entries(columns.columns)) {
    catalog[field] = { kind: isText(column) ? 'text' : 'number', label: Object.hasOwn(labels, field) ? labels[field] : field };
  }
  return catalog;
}

/**
 * Which customers a rule selects: a 0/1 mask over `columns.n` customers. Evaluated column by
 * column: each condition fills a byte mask in one tight loop and groups combine masks with
 * AND / OR, reusing one scratch mask per nesting level, so nothing is allocated per customer.
 * Text conditions are decided once per dictionary value, then looked up by code.
 *
 * Empty values (NaN, text code -1 or the empty text) match only `empty`.
 *
 * @throws Error when the rule does not fit the columns ({@link validateRule} against
 *   {@link fieldCatalogFromColumns}); the UI validates first, so this is a programmer error.
 */
export function evaluateRule(rule: Rule, columns: RuleColumns): Uint8Array {
  const problems = validateRule(rule, fieldCatalogFromColumns(columns));
  if (problems.length > 0) throw new Error(`evaluateRule: ${problems.join(' ')}`);
  const { n } = columns;
  for (const [field, column] of Object.entries(columns.columns)) {
    const length = isText(column) ? column.codes.length : column.length;
    if (length !== n) throw new Error(`evaluateRule: column "${field}" has ${length} values for ${n} customers`);
  }
  const scratch: Uint8Array[] = [];
  const out = new Uint8Array(n);
  fill(rule, out, 0);
  return out;

  function fill(node: Rule, target: Uint8Array, depth: number): void {
    if (!('all' in node) && !('any' in node)) {
      fillCondition(node, columns.columns[node.field], target);
      return;
    }
    const and = 'all' in node;
    const items = and ? node.all : node.any;
    fill(items[0], target, depth + 1);
    if (items.length === 1) return;
    const tmp = (scratch[depth] ??= new Uint8Array(n));
    for (let k = 1; k < items.length; k++) {
      fill(items[k], tmp, depth + 1);
      if (and) for (let i = 0; i < n; i++) target[i] &= tmp[i];
      else for (let i = 0; i < n; i++) target[i] |= tmp[i];
    }
  }
}

/** How many customers a rule selects: the live count under the rule editor. */
export function countRule(rule: Rule, columns: RuleColumns): number {
  const mask = evaluateRule(rule, columns);
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return count;
}

function fillCondition(cond: RuleCondition, column: RuleColumn, out: Uint8Array): void {
  if (isText(column)) fillText(cond, column, out);
  else fillNumber(cond, column, out);
}

function fillNumber(cond: RuleCondition, column: NumberColumn, out: Uint8Array): void {
  const test = numberTest(cond);
  for (let i = 0; i < out.length; i++) out[i] = test(column[i]) ? 1 : 0;
}

// NaN fails every comparison, so only `empty` (and nothing else) is true for it.
function numberTest(cond: RuleCondition): (x: number) => boolean {
  switch (cond.op) {
    case 'eq': { const v = cond.value as number; return (x) => x === v; }
    case 'ne': { const v = cond.value as number; return (x) => x === x && x !== v; }
    case 'lt': { const v = cond.value as number; return (x) => x < v; }
    case 'le': { const v = cond.value as number; return (x) => x <= v; }
    case 'gt': { const v = cond.value as number; return (x) => x > v; }
    case 'ge': { const v = cond.value as number; return (x) => x >= v; }
    case 'between': { const { min, max } = cond; return (x) => x >= min && x <= max; }
    case 'in': { const set = new Set(cond.values as number[]); return (x) => set.has(x); }
    case 'empty': return (x) => x !== x;
    case 'notEmpty': return (x) => x === x;
  }
}

function fillText(cond: RuleCondition, column: TextColumn, out: Uint8Array): void {
  const { codes, values } = column;
  const matchEmpty = cond.op === 'empty' ? 1 : 0;
  const match = new Uint8Array(values.length);
  const set = cond.op === 'in' ? new Set(cond.values as string[]) : null;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === '') match[c] = matchEmpty;
    else if (cond.op === 'eq') match[c] = v === cond.value ? 1 : 0;
    else if (cond.op === 'ne') match[c] = v !== cond.value ? 1 : 0;
    else if (set) match[c] = set.has(v) ? 1 : 0;
    else match[c] = cond.op === 'notEmpty' ? 1 : 0;
  }
  for (let i = 0; i < out.length; i++) {
    const c = codes[i];
    out[i] = c < 0 || c >= match.length ? matchEmpty : match[c];
  }
}

function isText(column: RuleColumn): column is TextColumn {
  return !ArrayBuffer.isView(column);
}
