import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, joinAttributes, readAttributes, SegmentError } from '../../../src/core/index.ts';

const TEXT = readFileSync(new URL('../../fixtures/customer-attributes.csv', import.meta.url), 'utf8');

describe('readAttributes', () => {
  const table = readAttributes('attrs.csv', TEXT);

  it('finds the id column and keeps the first row of each id', () => {
    expect(table.idColumn).toBe('Customer ID');
    expect(table.ids).toEqual(['c1', 'c2', 'c3', 'c9']);
    expect(table.duplicateIds).toBe(1);
    expect(table.rowsWithoutId).toBe(1);
  });

  it('types each column from all its cells', () => {
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['Gender', 'text'],
      ['Region', 'text'],
      ['Birth date', 'date'],
      ['Loyalty points', 'number'],
    ]);
    const points = table.columns[3];
    expect(points.kind === 'number' && [...points.values]).toEqual([120, NaN, 7.5, 10]);
    const gender = table.columns[0];
    expect(gender.kind === 'text' && [...gender.codes]).toEqual([0, 1, -1, 0]);
  });

  it('says when there is no id column', () => {
    expect(() => readAttributes('a.csv', 'gender,region\nF,North\n')).toThrow(SegmentError);
  });
});

describe('joinAttributes', () => {
  const table = readAttributes('attrs.csv', TEXT);
  // Customers c1..c4 of small-shop.csv; analysis day 2024-02-21.
  const joined = joinAttributes(['c1', 'c2', 'c3', 'c4'], table, daysFromCivil(2024, 2, 21));

  it('counts unmatched rows both ways', () => {
    expect(joined).toMatchObject({ matched: 3, customersWithoutAttributes: 1, rowsWithoutCustomer: 1, unmatchedExamples: ['c9'] });
  });

  it('lines the columns up with the customers, empty for customers without a row', () => {
    const region = joined.columns.find((c) => c.name === 'Region')!;
    expect(region.kind === 'text' && [...region.codes].map((c) => (c < 0 ? null : region.labels[c]))).toEqual(['North', 'South', 'North', null]);
  });

  it('adds the age in whole years on the analysis day from a birth date', () => {
    // 1980-06-15 -> 43 on 2024-02-21 (birthday not yet reached); 1995-02-21 -> 29 (that very day);
    // 2001-12-31 -> 22; c4 unknown.
    const age = joined.columns.find((c) => c.name === 'Age')!;
    expect(age.kind === 'number' && [...age.values]).toEqual([43, 29, 22, NaN]);
  });
});
