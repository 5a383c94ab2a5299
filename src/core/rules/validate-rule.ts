import { readRule } from './read-rule.ts';
import type { FieldCatalog, Rule } from './rule-types.ts';

/**
 * Problems with a rule against the fields of the customer table, in words for the rule editor;
 * empty when the rule can be evaluated. Reports unknown fields, values of the wrong kind (text
 * for a number field, `lt` on a text field), `between` with the minimum above the maximum,
 * empty groups and empty `in` lists, each with its place ("Condition 2.1: ...").
 */
export function validateRule(rule: Rule, catalog: FieldCatalog): string[] {
  const problems: string[] = [];
  readRule(rule, catalog, problems);
  return problems;
}
