import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/core/rules/rule-types.ts';
import { validateRule } from '../../../src/core/rules/validate-rule.ts';
import { catalog } from './fixture.ts';

describe('validateRule(rule, catalog)', () => {
  it('finds nothing wrong with a sound rule', () => {
    const rule: Rule = {
      all: [
        { field: 'orders', op: 'ge', value: 6 },
        { any: [{ field: 'country', op: 'in', values: ['Germany'] }, { field: 'aov', op: 'between', min: 1, max: 1 }] },
      ],
    };
    expect(validateRule(rule, catalog)).toEqual([]);
  });

  it('names an unknown field, numbering its place like an outline', () => {
    const rule: Rule = { any: [{ field: 'orders', op: 'eq', value: 1 }, { all: [{ field: 'aov', op: 'gt', value: 1 }, { field: 'ordrs', op: 'eq', value: 1 }] }] };
    expect(validateRule(rule, catalog)).toEqual(['Condition 2.2: unknown field "ordrs".']);
  });

  it('refuses text for a number field and numbers for a text field', () => {
    expect(validateRule({ all: [{ field: 'orders', op: 'ge', value: '6' }, { field: 'country', op: 'in', values: ['DE', 49] }] }, catalog)).toEqual([
      'Condition 1: Orders is a number, so the value must be a number, got the text "6".',
      'Condition 2: Country is text, so value 2 of the list must be text, got the number 49.',
    ]);
  });

  it('refuses ordering comparisons on a text field', () => {
    expect(validateRule({ field: 'country', op: 'lt', value: 'M' }, catalog)).toEqual([
      'The condition: Country is text, so it cannot be compared with "is less than"; use equals, does not equal, is one of, is empty or is not empty.',
    ]);
  });

  it('refuses between with the minimum above the maximum', () => {
    expect(validateRule({ field: 'aov', op: 'between', min: 300, max: 100 }, catalog)).toEqual([
      'The condition: Average order value between 300 and 100 matches nothing: the minimum is above the maximum.',
    ]);
  });

  it('refuses empty groups and empty "in" lists', () => {
    expect(validateRule({ all: [] }, catalog)).toEqual(['The rule is empty: add a condition or remove it.']);
    expect(validateRule({ all: [{ field: 'orders', op: 'eq', value: 1 }, { any: [] }] }, catalog)).toEqual(['Group 2 is empty: add a condition or remove it.']);
    expect(validateRule({ field: 'country', op: 'in', values: [] }, catalog)).toEqual(['The condition: "is one of" needs a list of 1 to 10000 values.']);
  });

  it('does not mistake inherited object keys for fields', () => {
    expect(validateRule({ field: 'constructor', op: 'empty' }, catalog)).toEqual(['The condition: unknown field "constructor".']);
  });
});
