import { RULE_OP_LABELS, RULE_OPS, type FieldCatalog, type Rule, type RuleOp } from './rule-types.ts';

// Bounds on untrusted input (JSON can carry anything): deep or huge trees are refused
// before anything walks or evaluates them.
const MAX_DEPTH = 12;
const MAX_NODES = 1000;
const MAX_LIST = 10000;
const MAX_TEXT = 1000;

const KEYS: Record<'compare' | 'between' | 'in' | 'presence', readonly string[]> = {
  compare: ['field', 'op', 'value'],
  between: ['field', 'op', 'min', 'max'],
  in: ['field', 'op', 'values'],
  presence: ['field', 'op'],
};

/**
 * Walks an untrusted rule tree, adding a problem in words for each defect, and returns a clean
 * deep copy (null when the input is unusable). With a catalog it also checks fields exist and
 * values suit their kind. Places are numbered like an outline: "Condition 2.1" is the first
 * item of the second item of the top group.
 */
export function readRule(input: unknown, catalog: FieldCatalog | null, problems: string[]): Rule | null {
  const budget = { nodes: 0 };
  return readNode(input, '', 0);

  function readNode(node: unknown, path: string, depth: number): Rule | null {
    if (++budget.nodes > MAX_NODES) {
      if (budget.nodes === MAX_NODES + 1) problems.push(`The rule has more than ${MAX_NODES} parts.`);
      return null;
    }
    if (!isRecord(node)) {
      problems.push(`${path ? `Item ${path}` : 'The rule'} is not a condition or a group.`);
      return null;
    }
    if ('all' in node || 'any' in node) return readGroup(node, path, depth);
    if ('field' in node || 'op' in node) return readCondition(node, path);
    problems.push(`${path ? `Item ${path}` : 'The rule'} is neither a condition (field, op) nor a group (all, any).`);
    return null;
  }

  function readGroup(node: Record<string, unknown>, path: string, depth: number): Rule | null {
    const where = path ? `Group ${path}` : 'The rule';
    const kind = 'all' in node ? 'all' : 'any';
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push(`${where} must have exactly one of "all" or "any" and nothing else (has ${keys.map((k) => `"${k}"`).join(', ')}).`);
      return null;
    }
    const items = node[kind];
    if (!Array.isArray(items)) {
      problems.push(`${where}: "${kind}" must be a list of conditions or groups.`);
      return null;
    }
    if (items.length === 0) {
      problems.push(`${where} is empty: add a condition or remove it.`);
      return null;
    }
    if (depth >= MAX_DEPTH) {
      problems.push(`${where} is nested more than ${MAX_DEPTH} levels deep.`);
      return null;
    }
    const children: Rule[] = [];
    items.forEach((item, i) => {
      const child = readNode(item, path ? `${path}.${i + 1}` : `${i + 1}`, depth + 1);
      if (child) children.push(child);
    });
    if (children.length !== items.length) return null;
    return kind === 'all' ? { all: children } : { any: children };
  }

  function readCondition(node: Record<string, unknown>, path: string): Rule | null {
    const where = path ? `Condition ${path}` : 'The condition';
    const { field, op } = node;
    const before = problems.length;
    if (typeof field !== 'string' || field === '') problems.push(`${where} needs a field.`);
    if (typeof op !== 'string' || !(RULE_OPS as readonly string[]).includes(op)) {
      problems.push(`${where}: "${String(op)}" is not an operator (use one of ${RULE_OPS.join(', ')}).`);
      return null;
    }
    const shape = op === 'between' ? 'between' : op === 'in' ? 'in' : op === 'empty' || op === 'notEmpty' ? 'presence' : 'compare';
    for (const key of Object.keys(node)) {
      if (!KEYS[shape].includes(key)) problems.push(`${where} has an unknown part "${key}" for "${op}".`);
    }
    const info = typeof field === 'string' && catalog ? (Object.hasOwn(catalog, field) ? catalog[field] : null) : undefined;
    const name = info ? info.label : `"${String(field)}"`;
    if (info === null) problems.push(`${where}: unknown field "${field as string}".`);
    if (info && info.kind === 'text' && !['eq', 'ne', 'in', 'empty', 'notEmpty'].includes(op)) {
      problems.push(`${where}: ${name} is text, so it cannot be compared with "${RULE_OP_LABELS[op as RuleOp]}"; use equals, does not equal, is one of, is empty or is not empty.`);
    }
    const checkValue = (v: unknown, what: string) => {
      if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.length > MAX_TEXT) {
        problems.push(`${where}: ${what} must be a number or a text of at most ${MAX_TEXT} characters, got ${describe(v)}.`);
      } else if (info?.kind === 'number' && typeof v !== 'number') {
        problems.push(`${where}: ${name} is a number, so ${what} must be a number, got ${describe(v)}.`);
      } else if (info?.kind === 'text' && typeof v !== 'string') {
        problems.push(`${where}: ${name} is text, so ${what} must be text, got ${describe(v)}.`);
      }
    };
    if (shape === 'compare') checkValue(node.value, 'the value');
    if (shape === 'between') {
      for (const key of ['min', 'max'] as const) {
        if (typeof node[key] !== 'number' || !Number.isFinite(node[key])) problems.push(`${where}: the ${key === 'min' ? 'minimum' : 'maximum'} must be a number, got ${describe(node[key])}.`);
      }
      if ((node.min as number) > (node.max as number)) problems.push(`${where}: ${name} between ${node.min} and ${node.max} matches nothing: the minimum is above the maximum.`);
    }
    if (shape === 'in') {
      const values = node.values;
      if (!Array.isArray(values) || values.length === 0 || values.length > MAX_LIST) {
        problems.push(`${where}: "is one of" needs a list of 1 to ${MAX_LIST} values.`);
      } else {
        values.forEach((v, i) => checkValue(v, `value ${i + 1} of the list`));
      }
    }
    if (problems.length > before) return null;
    const copy: Record<string, unknown> = { field, op };
    if (shape === 'compare') copy.value = node.value;
    if (shape === 'between') Object.assign(copy, { min: node.min, max: node.max });
    if (shape === 'in') copy.values = [...(node.values as unknown[])];
    return copy as Rule;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  return Array.isArray(v) ? 'a list' : typeof v;
}
