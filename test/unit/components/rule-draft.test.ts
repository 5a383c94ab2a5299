import { describe, expect, it } from 'vitest';
import type { RuleField } from '../../../src/core/index.ts';
import { describeRule, draftToRule, newCondition, newGroup, readValue, ruleToDraft } from '../../../src/components/rule-draft.ts';

const FIELDS: RuleField[] = [
  { id: 'frequency', label: 'Orders', kind: 'number', group: 'Customer metrics', unit: 'orders', definition: '' },
  { id: 'averageOrderValue', label: 'Average order value', kind: 'number', group: 'Customer metrics', unit: 'money', definition: '' },
  { id: 'valueBand', label: 'Value band', kind: 'text', group: 'Segments', unit: 'text', definition: '', values: ['High', 'Low'] },
  { id: 'attribute:Joined', label: 'Joined', kind: 'number', group: 'Attributes', unit: 'date', definition: '' },
];

const cond = (field: string, op: Parameters<typeof newCondition>[1], set: Partial<ReturnType<typeof newCondition>> = {}) => Object.assign(newCondition(field, op), set);

describe('draftToRule(draft, fields)', () => {
  it('builds "orders ≥ 2 AND average order value > 50"', () => {
    const draft = newGroup('all', [cond('frequency', 'ge', { value: '2' }), cond('averageOrderValue', 'gt', { value: '50' })]);
    expect(draftToRule(draft, FIELDS)).toEqual({ ok: true, rule: { all: [{ field: 'frequency', op: 'ge', value: 2 }, { field: 'averageOrderValue', op: 'gt', value: 50 }] } });
  });

  it('builds nested OR groups, between, lists, text values, dates and empty tests', () => {
    const draft = newGroup('any', [
      cond('valueBand', 'in', { values: ['High'] }),
      newGroup('all', [cond('averageOrderValue', 'between', { min: '10', max: '1,250.5' }), cond('frequency', 'in', { list: '1, 2 3' })]),
      cond('attribute:Joined', 'lt', { value: '2024-01-02' }),
      cond('valueBand', 'empty'),
      cond('valueBand', 'ne', { value: 'Low' }),
    ]);
    expect(draftToRule(draft, FIELDS)).toEqual({
      ok: true,
      rule: {
        any: [
          { field: 'valueBand', op: 'in', values: ['High'] },
          { all: [{ field: 'averageOrderValue', op: 'between', min: 10, max: 1250.5 }, { field: 'frequency', op: 'in', values: [1, 2, 3] }] },
          { field: 'attribute:Joined', op: 'lt', value: 19724 },
          { field: 'valueBand', op: 'empty' },
          { field: 'valueBand', op: 'ne', value: 'Low' },
        ],
      },
    });
  });

  it('says what is missing, condition by condition', () => {
    const draft = newGroup('all', [
      cond('frequency', 'ge'),
      newGroup('any', [cond('averageOrderValue', 'between', { min: '9', max: '3' }), cond('nope', 'eq')]),
      newGroup('all', []),
      cond('valueBand', 'in'),
      cond('frequency', 'lt', { value: 'ten' }),
    ]);
    const outcome = draftToRule(draft, FIELDS);
    expect(outcome.ok ? [] : outcome.problems).toEqual([
      'Condition 1: Orders needs a number as the value.',
      'Condition 2.1: the lowest value is above the highest.',
      'Condition 2.2: choose a field.',
      'Group 3 is empty: add a condition.',
      'Condition 4: choose at least one value of Value band.',
      'Condition 5: Orders needs a number as the value (“ten” is not one).',
    ]);
  });
});

describe('readValue(text, field)', () => {
  it('reads plain numbers, thousands separators and a decimal comma', () => {
    const n = FIELDS[1];
    expect(readValue('1234.5', n)).toBe(1234.5);
    expect(readValue('1,234.5', n)).toBe(1234.5);
    expect(readValue('12,5', n)).toBe(12.5);
    expect(readValue(' ', n)).toBeNull();
    expect(readValue('2024-13-40', FIELDS[3])).not.toBeNull();
    expect(readValue('abc', n)).toBeNull();
  });
});

describe('ruleToDraft(rule) and describeRule(rule)', () => {
  it('round-trips a rule through the builder and puts it in words', () => {
    const rule = { all: [{ field: 'frequency', op: 'ge' as const, value: 2 }, { any: [{ field: 'valueBand', op: 'in' as const, values: ['High'] }, { field: 'attribute:Joined', op: 'between' as const, min: 19723, max: 19724 }] }] };
    const draft = ruleToDraft(rule, FIELDS);
    expect(draftToRule(draft, FIELDS)).toEqual({ ok: true, rule });
    expect(describeRule(rule, FIELDS)).toBe('Orders ≥ 2 and (Value band in “High” or Joined between 2024-01-01 and 2024-01-02)');
    expect(ruleToDraft({ field: 'frequency', op: 'empty' }, FIELDS).items).toHaveLength(1);
  });
});
