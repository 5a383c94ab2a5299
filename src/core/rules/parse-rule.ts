import { readRule } from './read-rule.ts';
import type { FieldCatalog, Rule } from './rule-types.ts';

/** A rule read from untrusted input, or the reasons it could not be read. */
export type ParsedRule = { ok: true; rule: Rule } | { ok: false; problems: string[] };

/**
 * Reads a rule from untrusted JSON data (what the rule builder or a worker message hands in, `JSON.parse` output):
 * checks the structure (groups with a non-empty `all` or `any` list, conditions with a known
 * operator and the values it needs, no unknown parts, bounded size and depth) and returns a
 * clean copy that shares nothing with the input. With a catalog it also checks the fields, as
 * {@link validateRule} does.
 */
export function parseRule(json: unknown, catalog: FieldCatalog | null = null): ParsedRule {
  const problems: string[] = [];
  const rule = readRule(json, catalog, problems);
  return rule && problems.length === 0 ? { ok: true, rule } : { ok: false, problems };
}
