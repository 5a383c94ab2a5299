/**
 * The analyst's rule segments as plain JSON data (posted to the analysis worker as they are):
 * conditions on one field, combined by nested `all` (and) / `any` (or) groups.
 *
 * Empty values (NaN in a number column, code -1 in a text column) only match `empty`: every
 * other operator, `ne` included, is false for them. So `eq X`, `ne X` and `empty` split the
 * customers exactly.
 */
export type Rule = RuleCondition | RuleGroup;

export type RuleGroup = { all: Rule[] } | { any: Rule[] };

/** Comparison operators taking one value; only `eq` and `ne` apply to text fields. */
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type RuleCondition =
  | { field: string; op: CompareOp; value: number | string }
  /** Inclusive at both ends; numbers only. */
  | { field: string; op: 'between'; min: number; max: number }
  /** Matches any of the listed values. */
  | { field: string; op: 'in'; values: Array<number | string> }
  | { field: string; op: 'empty' | 'notEmpty' };

export type RuleOp = RuleCondition['op'];

/** Every operator, in the order the rule editor offers them. */
export const RULE_OPS: readonly RuleOp[] = Object.freeze(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'in', 'empty', 'notEmpty']);

/** How operators read in problems and summaries. */
export const RULE_OP_LABELS: Readonly<Record<RuleOp, string>> = Object.freeze({
  eq: 'equals',
  ne: 'does not equal',
  lt: 'is less than',
  le: 'is at most',
  gt: 'is more than',
  ge: 'is at least',
  between: 'is between',
  in: 'is one of',
  empty: 'is empty',
  notEmpty: 'is not empty',
});

/** What a field holds, for validation and for the rule editor. */
export interface FieldInfo {
  kind: 'number' | 'text';
  /** Name shown to the analyst ("Average order value"); the key is the field id. */
  label: string;
}

/** The fields a rule may use, by field id. */
export type FieldCatalog = Readonly<Record<string, FieldInfo>>;

/** A dictionary-encoded text column: `values[codes[i]]`, code -1 for empty. */
export interface TextColumn {
  codes: Int32Array;
  values: readonly string[];
}

/** A number column; NaN is empty (integer arrays have no empty values). */
export type NumberColumn = Float64Array | Int32Array | Uint32Array | Uint8Array;

export type RuleColumn = NumberColumn | TextColumn;

/** The customer table as rules see it: `n` customers and a column per field id. */
export interface RuleColumns {
  n: number;
  columns: Readonly<Record<string, RuleColumn>>;
}
