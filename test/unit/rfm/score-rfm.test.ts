import { describe, expect, it } from 'vitest';
import { daysFromCivil, scoreRfm, type CustomerTable } from '../../../src/core/index.ts';

describe('scoreRfm', () => {
  // The customers of test/fixtures/small-shop.csv, analysis day 2024-02-21.
  const d = daysFromCivil;
  const customers: CustomerTable = {
    n: 4,
    ids: ['c1', 'c2', 'c3', 'c4'],
    firstDay: Int32Array.from([d(2024, 1, 5), d(2024, 1, 10), d(2024, 2, 10), d(2024, 2, 20)]),
    lastDay: Int32Array.from([d(2024, 2, 1), d(2024, 1, 10), d(2024, 2, 10), d(2024, 2, 20)]),
    frequency: Uint32Array.from([2, 1, 1, 1]),
    monetary: Float64Array.from([150, 40, 200, 5.5]),
  };
  const s = scoreRfm(customers, { bins: 5, analysisDay: d(2024, 2, 21) });

  it('measures recency in days from the last purchase to the analysis day', () => {
    expect([...s.recency]).toEqual([20, 42, 11, 1]);
    expect(s.analysisDay).toBe(d(2024, 2, 21));
  });

  it('scores recent customers high on R', () => {
    // recency 42 has none better below it -> 1; 20 -> floor(5*1/4)+1 = 2; 11 -> 3; 1 -> 4
    expect([...s.r]).toEqual([2, 1, 3, 4]);
  });

  it('scores F on orders, ties sharing the lowest score', () => {
    expect([...s.f]).toEqual([4, 1, 1, 1]);
  });

  it('scores M on net revenue', () => {
    expect([...s.m]).toEqual([3, 2, 4, 1]);
  });
});
