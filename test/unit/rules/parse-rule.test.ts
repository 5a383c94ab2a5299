import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../src/core/rules/parse-rule.ts';
import type { Rule } from '../../../src/core/rules/rule-types.ts';
import { catalog } from './fixture.ts';

const problems = (json: unknown) => {
  const parsed = parseRule(json);
  return parsed.ok ? [] : parsed.problems;
};

describe('parseRule(json)', () => {
  it('reads back a rule that went through JSON, as a copy sharing nothing', () => {
    const rule: Rule = {
      all: [
        { field: 'orders', op: 'ge', value: 6 },
        { any: [{ field: 'country', op: 'in', values: ['Germany', 'France'] }, { field: 'aov', op: 'between', min: 100, max: 200 }, { field: 'aov', op: 'empty' }] },
      ],
    };
    const input = JSON.parse(JSON.stringify(rule)) as unknown;
    const parsed = parseRule(input);
    expect(parsed).toEqual({ ok: true, rule });
    if (parsed.ok) {
      expect(parsed.rule).not.toBe(input);
      expect((parsed.rule as { all: Rule[] }).all[1]).not.toBe((input as { all: unknown[] }).all[1]);
    }
  });

  it('refuses values that are not rules', () => {
    expect(problems('orders > 5')).toEqual(['The rule is not a condition or a group.']);
    expect(problems(null)).toEqual(['The rule is not a condition or a group.']);
    expect(problems([])).toEqual(['The rule is not a condition or a group.']);
    expect(problems({ name: 'x' })).toEqual(['The rule is neither a condition (field, op) nor a group (all, any).']);
  });

  it('refuses unknown operators and unknown parts', () => {
    expect(problems({ field: 'orders', op: 'gte', value: 1 })).toEqual(['The condition: "gte" is not an operator (use one of eq, ne, lt, le, gt, ge, between, in, empty, notEmpty).']);
    expect(problems({ field: 'orders', op: 'eq', value: 1, values: [2] })).toEqual(['The condition has an unknown part "values" for "eq".']);
    expect(problems({ all: [{ field: 'orders', op: 'empty' }], any: [] })).toEqual(['The rule must have exactly one of "all" or "any" and nothing else (has "all", "any").']);
  });

  it('refuses an own "__proto__" key smuggled in through JSON', () => {
    expect(problems(JSON.parse('{"field":"orders","op":"eq","value":1,"__proto__":{"x":1}}'))).toEqual(['The condition has an unknown part "__proto__" for "eq".']);
  });

  it('refuses missing or non-finite values', () => {
    expect(problems({ field: 'orders', op: 'eq' })).toEqual(['The condition: the value must be a number or a text of at most 1000 characters, got nothing.']);
    expect(problems({ field: 'orders', op: 'lt', value: Infinity })).toEqual(['The condition: the value must be a number or a text of at most 1000 characters, got the number Infinity.']);
    expect(problems({ field: 'aov', op: 'between', min: 1 })).toEqual(['The condition: the maximum must be a number, got nothing.']);
    expect(problems({ field: '', op: 'empty' })).toEqual(['The condition needs a field.']);
  });

  it('refuses trees nested too deep or too large for a share link', () => {
    let deep: unknown = { field: 'orders', op: 'empty' };
    for (let i = 0; i < 50; i++) deep = { all: [deep] };
    expect(problems(deep)).toEqual([`Group ${Array(12).fill(1).join('.')} is nested more than 12 levels deep.`]);
    const wide = { any: Array.from({ length: 2000 }, () => ({ field: 'orders', op: 'empty' })) };
    expect(problems(wide)).toEqual(['The rule has more than 1000 parts.']);
  });

  it('checks fields too when given a catalog', () => {
    expect(parseRule({ field: 'email', op: 'notEmpty' }, catalog)).toEqual({ ok: false, problems: ['The condition: unknown field "email".'] });
    expect(parseRule({ field: 'email', op: 'notEmpty' })).toEqual({ ok: true, rule: { field: 'email', op: 'notEmpty' } });
  });
});
