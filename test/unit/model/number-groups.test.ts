import { describe, expect, it } from 'vitest';
import { numberGroups } from '../../../src/core/index.ts';

describe('numberGroups', () => {
  it('puts whole numbers such as ages in round ranges with closed labels', () => {
    const g = numberGroups([18, 25, 34, 47, 74, NaN]);
    // Range 18..74 in at most 8 groups: steps of 1, 2 and 5 need too many, 10 needs 7.
    expect(g.names).toEqual(['10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79']);
    expect(Array.from(g.codes)).toEqual([0, 1, 2, 3, 6, -1]);
    // In at most 6 groups: 20-year ranges.
    expect(numberGroups([18, 25, 34, 47, 74], 6).names).toEqual(['0–19', '20–39', '40–59', '60–79']);
  });

  it('keeps a group per value when the range is small', () => {
    expect(numberGroups([1, 2, 3, 2])).toEqual({ codes: Int32Array.of(0, 1, 2, 1), names: ['1', '2', '3'] });
  });

  it('labels ranges of fractional numbers as half-open', () => {
    // Range 0.5..2.75: a step of 0.5 from 0.5 gives 5 groups.
    const g = numberGroups([0.5, 1.25, 2.75]);
    expect(g.names).toEqual(['0.5 to under 1', '1 to under 1.5', '1.5 to under 2', '2 to under 2.5', '2.5 to under 3']);
    expect(Array.from(g.codes)).toEqual([0, 1, 4]);
  });

  it('gives no groups to an empty column', () => {
    expect(numberGroups([NaN, NaN])).toEqual({ codes: Int32Array.of(-1, -1), names: [] });
  });

  it('never makes more than the asked number of groups', () => {
    let s = 3;
    const values = Array.from({ length: 1000 }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 12345.6);
    const g = numberGroups(values, 6);
    expect(g.names.length).toBeLessThanOrEqual(6);
    expect(Math.min(...Array.from(g.codes))).toBe(0);
    expect(Math.max(...Array.from(g.codes))).toBe(g.names.length - 1);
  });
});
