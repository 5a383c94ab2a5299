import { daysFromCivil, formatDay, RULE_OP_LABELS } from '../core/index.ts';
import type { Rule, RuleCondition, RuleField, RuleOp } from '../core/index.ts';

/** A condition as the builder edits it: values are the text typed, read when the rule is built. */
export interface DraftCondition {
  kind: 'condition';
  id: number;
  field: string;
  op: RuleOp;
  /** For =, ≠, <, ≤, >, ≥. */
  value: string;
  /** For between. */
  min: string;
  max: string;
  /** For "in list": the chosen values (text fields) or the typed list (number fields, comma separated). */
  values: string[];
  list: string;
}

export interface DraftGroup {
  kind: 'group';
  id: number;
  join: 'all' | 'any';
  items: DraftNode[];
}

export type DraftNode = DraftCondition | DraftGroup;

let nextId = 1;

export function newCondition(field: string, op: RuleOp = 'ge'): DraftCondition {
  return { kind: 'condition', id: nextId++, field, op, value: '', min: '', max: '', values: [], list: '' };
}

export function newGroup(join: 'all' | 'any', items: DraftNode[]): DraftGroup {
  return { kind: 'group', id: nextId++, join, items };
}

/** The operators a field offers, with how the builder shows them. */
export const OP_CHOICES: Readonly<Record<RuleOp, string>> = Object.freeze({
  eq: '= equals',
  ne: '≠ does not equal',
  lt: '< less than',
  le: '≤ at most',
  gt: '> more than',
  ge: '≥ at least',
  between: 'between (inclusive)',
  in: 'in list',
  empty: 'is empty',
  notEmpty: 'is not empty',
});

const TEXT_OPS: readonly RuleOp[] = ['eq', 'ne', 'in', 'empty', 'notEmpty'];
const NUMBER_OPS: readonly RuleOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', 'empty', 'notEmpty'];

export function opsFor(field: RuleField | undefined): readonly RuleOp[] {
  return field?.kind === 'text' ? TEXT_OPS : NUMBER_OPS;
}

/** A typed number: "1234.5", "1,234.5" or a decimal comma "12,5"; a date field takes YYYY-MM-DD. */
export function readValue(text: string, field: RuleField): number | null {
  const s = text.trim();
  if (field.unit === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }
  if (s === '') return null;
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replaceAll(',', '') : /^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  const x = Number(plain);
  return Number.isFinite(x) ? x : null;
}

/**
 * The rule a draft describes, or what is missing, with each condition's place ("Condition 2.1").
 * Fields are checked against the catalog; the worker validates again.
 */
export function draftToRule(node: DraftNode, fields: readonly RuleField[]): { ok: true; rule: Rule } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const byId = new Map(fields.map((f) => [f.id, f]));
  const rule = build(node, '');
  return rule && problems.length === 0 ? { ok: true, rule } : { ok: false, problems };

  function build(n: DraftNode, path: string): Rule | null {
    if (n.kind === 'group') {
      if (n.items.length === 0) {
        problems.push(`${path ? `Group ${path}` : 'The rule'} is empty: add a condition.`);
        return null;
      }
      const items = n.items.map((item, i) => build(item, path ? `${path}.${i + 1}` : String(i + 1)));
      if (items.some((x) => x === null)) return null;
      return n.join === 'all' ? { all: items as Rule[] } : { any: items as Rule[] };
    }
    const where = `Condition ${path || 1}`;
    const field = byId.get(n.field);
    if (!field) {
      problems.push(`${where}: choose a field.`);
      return null;
    }
    const name = field.label;
    const number = (text: string, what: string): number | null => {
      const x = readValue(text, field);
      if (x === null) problems.push(`${where}: ${name} needs ${field.unit === 'date' ? 'a date' : 'a number'} as ${what}${text.trim() ? ` (“${text.trim()}” is not one)` : ''}.`);
      return x;
    };
    switch (n.op) {
      case 'empty':
      case 'notEmpty':
        return { field: field.id, op: n.op };
      case 'between': {
        const min = number(n.min, 'the lowest value');
        const max = number(n.max, 'the highest value');
        if (min === null || max === null) return null;
        if (min > max) {
          problems.push(`${where}: the lowest value is above the highest.`);
          return null;
        }
        return { field: field.id, op: 'between', min, max };
      }
      case 'in': {
        if (field.kind === 'text') {
          if (n.values.length === 0) {
            problems.push(`${where}: choose at least one value of ${name}.`);
            return null;
          }
          return { field: field.id, op: 'in', values: [...n.values] };
        }
        // Commas separate the list here, so decimals take a point.
        const parts = n.list.split(/[\s,;]+/).filter((p) => p !== '');
        const values = parts.map((p) => (field.unit === 'date' ? readValue(p, field) : Number.isFinite(Number(p)) ? Number(p) : null));
        if (values.length === 0 || values.some((v) => v === null)) {
          problems.push(`${where}: list the values of ${name} separated by commas or spaces (with a point for decimals).`);
          return null;
        }
        return { field: field.id, op: 'in', values: values as number[] };
      }
      default: {
        if (field.kind === 'text') {
          if (n.value === '') {
            problems.push(`${where}: choose a value of ${name}.`);
            return null;
          }
          return { field: field.id, op: n.op, value: n.value } as RuleCondition;
        }
        const value = number(n.value, 'the value');
        return value === null ? null : ({ field: field.id, op: n.op, value } as RuleCondition);
      }
    }
  }
}

/** A draft to edit a saved rule (a condition at the top becomes a group of one). */
export function ruleToDraft(rule: Rule, fields: readonly RuleField[]): DraftGroup {
  const node = toDraft(rule, fields);
  return node.kind === 'group' ? node : newGroup('all', [node]);
}

function toDraft(rule: Rule, fields: readonly RuleField[]): DraftNode {
  if ('all' in rule) return newGroup('all', rule.all.map((r) => toDraft(r, fields)));
  if ('any' in rule) return newGroup('any', rule.any.map((r) => toDraft(r, fields)));
  const field = fields.find((f) => f.id === rule.field);
  const show = (x: number | string) => (typeof x === 'number' && field?.unit === 'date' ? formatDay(x) : String(x));
  const c = newCondition(rule.field, rule.op);
  if (rule.op === 'between') Object.assign(c, { min: show(rule.min), max: show(rule.max) });
  else if (rule.op === 'in') {
    if (field?.kind === 'text') c.values = rule.values.map(String);
    else c.list = rule.values.map(show).join(' ');
  } else if ('value' in rule) c.value = show(rule.value);
  return c;
}

/** A rule in words: "Orders ≥ 2 and Average order value > 50". */
export function describeRule(rule: Rule, fields: readonly RuleField[], nested = false): string {
  if ('all' in rule || 'any' in rule) {
    const items = 'all' in rule ? rule.all : rule.any;
    const text = items.map((r) => describeRule(r, fields, true)).join('all' in rule ? ' and ' : ' or ');
    return nested && items.length > 1 ? `(${text})` : text;
  }
  const field = fields.find((f) => f.id === rule.field);
  const name = field?.label ?? rule.field;
  const show = (x: number | string) => (typeof x === 'number' && field?.unit === 'date' ? formatDay(x) : typeof x === 'string' ? `“${x}”` : String(x));
  const symbol: Partial<Record<RuleOp, string>> = { eq: '=', ne: '≠', lt: '<', le: '≤', gt: '>', ge: '≥' };
  switch (rule.op) {
    case 'between': return `${name} between ${show(rule.min)} and ${show(rule.max)}`;
    case 'in': return `${name} in ${rule.values.map(show).join(', ')}`;
    case 'empty': return `${name} is empty`;
    case 'notEmpty': return `${name} is not empty`;
    default: return `${name} ${symbol[rule.op] ?? RULE_OP_LABELS[rule.op]} ${show(rule.value)}`;
  }
}
