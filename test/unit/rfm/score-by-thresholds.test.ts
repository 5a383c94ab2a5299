import { describe, expect, it } from 'vitest';
import { scoreByThresholds, validateCutPoints } from '../../../src/core/rfm/score-by-thresholds.ts';

describe('scoreByThresholds(values, cutPoints, higherIsBetter)', () => {
  it('scores frequency from cut points, a value on a cut point going to the bin above', () => {
    // cuts 2, 3, 5, 10: 1 → 1; 2 → 2; 3, 4 → 3; 5, 9 → 4; 10 → 5; NaN → 1.
    const scores = scoreByThresholds([1, 2, 3, 4, 5, 9, 10, NaN], [2, 3, 5, 10]);
    expect(Array.from(scores)).toEqual([1, 2, 3, 3, 4, 4, 5, 1]);
  });

  it('reverses recency: 0–30 days → 5, 31–60 → 4, 61–90 → 3, 91–180 → 2, over 180 → 1', () => {
    const scores = scoreByThresholds([0, 29, 30, 31, 59, 60, 61, 90, 91, 180, 181, 500], [30, 60, 90, 180], false);
    expect(Array.from(scores)).toEqual([5, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives a value equal to a threshold the higher score in every dimension', () => {
    // One rule for R, F and M: on the line is the better side of it.
    expect(Array.from(scoreByThresholds([10, 20], [10, 20], true))).toEqual([2, 3]);
    expect(Array.from(scoreByThresholds([10, 20], [10, 20], false))).toEqual([3, 2]);
    expect(Array.from(scoreByThresholds([9.5, 10.5, 20.5], [10, 20], false))).toEqual([3, 2, 1]);
  });

  it('scores NaN recency 1, never best', () => {
    expect(Array.from(scoreByThresholds([NaN], [30, 60], false))).toEqual([1]);
  });

  it('accepts cut points matching the requested number of bins', () => {
    expect(Array.from(scoreByThresholds([1, 100], [10, 20], true, 3))).toEqual([1, 3]);
  });

  it('refuses cut points that do not go up, with a message naming them', () => {
    expect(() => scoreByThresholds([1], [3, 2])).toThrow('Cut points must go up: cut point 2 (2) is not larger than cut point 1 (3).');
    expect(validateCutPoints([2, 2])).toEqual(['Cut points must go up: cut point 2 (2) is not larger than cut point 1 (2).']);
  });

  it('refuses the wrong number of cut points for the bins asked for', () => {
    expect(() => scoreByThresholds([1], [1, 2, 3], true, 5)).toThrow('5 scores need 4 cut points, got 3.');
  });

  it('refuses missing or non-numeric cut points', () => {
    expect(validateCutPoints([])).toEqual(['Give between 1 and 254 cut points, got 0.']);
    expect(validateCutPoints([1, NaN])).toEqual(['Cut point 2 is not a number (NaN).']);
  });

  it('finds nothing to complain about in usable cut points', () => {
    expect(validateCutPoints([30, 60, 90, 180], 5)).toEqual([]);
  });
});
