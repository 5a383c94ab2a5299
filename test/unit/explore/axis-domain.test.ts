import { describe, expect, it } from 'vitest';
import { axisDomain } from '../../../src/core/explore/axis-domain.ts';

const sane = (d: [number, number]) => Number.isFinite(d[0]) && Number.isFinite(d[1]) && d[0] < d[1];

describe('axisDomain', () => {
  it('spans the values', () => {
    expect(axisDomain(Float64Array.of(3, 1, 8), 'linear', 'count').domain).toEqual([1, 8]);
    expect(axisDomain(Float64Array.of(10, 1000, 100), 'log', 'money')).toEqual({ domain: [10, 1000], values: 3, nonPositive: 0 });
  });

  it('widens a single value or all-equal values around them, on both scales', () => {
    for (const kind of ['linear', 'log'] as const) {
      for (const values of [Float64Array.of(250), Float64Array.of(250, 250, 250)]) {
        const { domain } = axisDomain(values, kind, 'money');
        expect(sane(domain)).toBe(true);
        expect(domain[0]).toBeLessThan(250);
        expect(domain[1]).toBeGreaterThan(250);
        if (kind === 'log') expect(domain[0]).toBeGreaterThan(0);
      }
    }
    expect(axisDomain(Float64Array.of(0, 0), 'linear', 'count').domain).toEqual([-1, 1]);
  });

  it('counts zero and negative values for the log axis band and keeps them out of its domain', () => {
    const { domain, nonPositive } = axisDomain(Float64Array.of(-20, 0, 1e-11, 50, 500), 'log', 'money');
    expect(nonPositive).toBe(3);
    expect(domain).toEqual([50, 500]);
  });

  it('never gives NaN: no values, only empty values, only values at or below zero', () => {
    for (const values of [new Float64Array(0), Float64Array.of(NaN, NaN), Float64Array.of(0, -5)]) {
      for (const kind of ['linear', 'log'] as const) expect(sane(axisDomain(values, kind, 'money').domain)).toBe(true);
    }
    expect(axisDomain(Float64Array.of(0, -5), 'log', 'money').nonPositive).toBe(2);
  });
});
