import type { Rule, RuleCondition } from '../rules/rule-types.ts';
import type { ValueRange } from './selection-geometry.ts';

/**
 * A rule segment's rule from a rectangle in metric space: each field's range as "between"
 * (ends included, as the brush selects), "at least" or "at most" where one end is open, and no
 * condition where both are. Plain JSON: no infinities, which JSON cannot hold.
 */
export function rangeRule(ranges: ReadonlyArray<ValueRange & { field: string }>): Rule {
  const all: RuleCondition[] = [];
  for (const { field, min, max } of ranges) {
    const low = Number.isFinite(min);
    const high = Number.isFinite(max);
    if (low && high) all.push({ field, op: 'between', min, max });
    else if (low) all.push({ field, op: 'ge', value: min });
    else if (high) all.push({ field, op: 'le', value: max });
  }
  return { all };
}
