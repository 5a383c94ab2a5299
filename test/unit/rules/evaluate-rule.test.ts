import { describe, expect, it } from 'vitest';
import { countRule, evaluateRule, fieldCatalogFromColumns } from '../../../src/core/rules/evaluate-rule.ts';
import type { Rule } from '../../../src/core/rules/rule-types.ts';
import { columns } from './fixture.ts';

const mask = (rule: Rule) => Array.from(evaluateRule(rule, columns));

describe('evaluateRule(rule, columns)', () => {
  it('selects "Active buyers": orders ≥ 6 and average order value > 200', () => {
    // #1 (6, 250) and #5 (12, 201); #2 has 8 orders but 150.
    const rule: Rule = { all: [{ field: 'orders', op: 'ge', value: 6 }, { field: 'aov', op: 'gt', value: 200 }] };
    expect(mask(rule)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(countRule(rule, columns)).toBe(2);
  });

  it('selects "Rare buyers": orders = 1', () => {
    expect(mask({ field: 'orders', op: 'eq', value: 1 })).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('combines an any group as OR', () => {
    // orders = 1 (#0, #3) or country France (#1).
    expect(mask({ any: [{ field: 'orders', op: 'eq', value: 1 }, { field: 'country', op: 'eq', value: 'France' }] })).toEqual([1, 1, 0, 1, 0, 0]);
  });

  it('evaluates nested groups', () => {
    // (Germany or France: #0, #1, #4) and aov ≥ 100: #1 (250), #4 (200).
    const rule: Rule = {
      all: [
        { any: [{ field: 'country', op: 'eq', value: 'Germany' }, { field: 'country', op: 'eq', value: 'France' }] },
        { field: 'aov', op: 'ge', value: 100 },
      ],
    };
    expect(mask(rule)).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('keeps each nesting level\'s working mask apart', () => {
    // (orders ≥ 6 and (France or aov > 200)) → #1, #5; or (orders = 1 and country empty) → #3.
    const rule: Rule = {
      any: [
        { all: [{ field: 'orders', op: 'ge', value: 6 }, { any: [{ field: 'country', op: 'eq', value: 'France' }, { field: 'aov', op: 'gt', value: 200 }] }] },
        { all: [{ field: 'orders', op: 'eq', value: 1 }, { field: 'country', op: 'empty' }] },
      ],
    };
    expect(mask(rule)).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('matches "in" lists of text and of numbers', () => {
    expect(mask({ field: 'country', op: 'in', values: ['Germany', 'United Kingdom'] })).toEqual([1, 0, 1, 0, 1, 0]);
    expect(mask({ field: 'orders', op: 'in', values: [1, 3] })).toEqual([1, 0, 0, 1, 1, 0]);
  });

  it('includes both ends of "between" and never an empty value', () => {
    expect(mask({ field: 'aov', op: 'between', min: 150, max: 200 })).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it('compares with lt and le', () => {
    expect(mask({ field: 'aov', op: 'lt', value: 200 })).toEqual([1, 0, 1, 0, 0, 0]);
    expect(mask({ field: 'aov', op: 'le', value: 200 })).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('treats NaN, code -1 and the empty text as empty', () => {
    expect(mask({ field: 'aov', op: 'empty' })).toEqual([0, 0, 0, 1, 0, 0]);
    expect(mask({ field: 'country', op: 'empty' })).toEqual([0, 0, 0, 1, 0, 1]);
    expect(mask({ field: 'country', op: 'notEmpty' })).toEqual([1, 1, 1, 0, 1, 0]);
    expect(mask({ field: 'orders', op: 'empty' })).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('leaves empty values out of "does not equal", so eq, ne and empty split everyone', () => {
    const ne = mask({ field: 'country', op: 'ne', value: 'Germany' });
    expect(ne).toEqual([0, 1, 1, 0, 0, 0]);
    expect(mask({ field: 'aov', op: 'ne', value: 250 })).toEqual([1, 0, 1, 0, 1, 1]);
    const eq = mask({ field: 'country', op: 'eq', value: 'Germany' });
    const empty = mask({ field: 'country', op: 'empty' });
    expect(eq.map((e, i) => e + ne[i] + empty[i])).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('matches nothing for a text value not in the dictionary', () => {
    expect(countRule({ field: 'country', op: 'eq', value: 'Spain' }, columns)).toBe(0);
  });

  it('refuses a rule that does not fit the columns', () => {
    expect(() => evaluateRule({ field: 'ordrs', op: 'eq', value: 1 }, columns)).toThrow('The condition: unknown field "ordrs".');
    expect(() => evaluateRule({ field: 'country', op: 'gt', value: 'A' }, columns)).toThrow('country is text');
  });

  it('refuses a column of the wrong length', () => {
    const short = { n: 6, columns: { orders: new Uint32Array(5) } };
    expect(() => evaluateRule({ field: 'orders', op: 'eq', value: 1 }, short)).toThrow('column "orders" has 5 values for 6 customers');
  });
});

describe('fieldCatalogFromColumns(columns, labels)', () => {
  it('reads number and text fields from the column types, labelled when given', () => {
    expect(fieldCatalogFromColumns(columns, { aov: 'Average order value' })).toEqual({
      orders: { kind: 'number', label: 'orders' },
      aov: { kind: 'number', label: 'Average order value' },
      country: { kind: 'text', label: 'country' },
    });
  });
});
