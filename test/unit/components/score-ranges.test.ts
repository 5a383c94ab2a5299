import { describe, expect, it } from 'vitest';
import { quantileScores, scoreBins, scoreByThresholds } from '../../../src/core/index.ts';

const quantileBins = (values: number[], bins: number, higherIsBetter = true) => scoreBins(values, quantileScores(values, bins, higherIsBetter), bins);
import { cutPointsFromBins, cutRange, parseNumberList } from '../../../src/components/score-ranges.ts';

describe('cutPointsFromBins(dimension, bins)', () => {
  it('gives cut points that score the values as the quantile bins did', () => {
    const values = [1, 1, 1, 2, 2, 3, 5, 8, 13, 21];
    const bins = quantileBins(values, 4);
    const cuts = cutPointsFromBins('f', bins);
    expect([...scoreByThresholds(values, cuts, true, 4)].map((s, i) => [values[i], s])).toEqual(values.map((v) => [v, bins.findIndex((b) => v >= b.min && v <= b.max) + 1]));
    const days = [0, 3, 3, 10, 40, 41, 90, 200];
    const r = quantileBins(days, 4, false);
    const rCuts = cutPointsFromBins('r', r);
    expect([...scoreByThresholds(days, rCuts, false, 4)]).toEqual(days.map((v) => r.findIndex((b) => v >= b.min && v <= b.max) + 1));
    // Recency cut points are the top of each better bin: a value on one keeps the better score.
    expect(rCuts).toEqual([r[3].max, r[2].max, r[1].max]);
  });

  it('puts the cut point of an empty bin between its neighbours, so everyone keeps their score', () => {
    expect(cutPointsFromBins('f', [
      { score: 1, count: 5, min: 1, max: 1 },
      { score: 2, count: 0, min: NaN, max: NaN },
      { score: 3, count: 2, min: 2, max: 4 },
    ])).toEqual([1.5, 2]);
    // Everyone with one order (a big tie) fills score 1; scores 2 and 3 are empty.
    const orders = [1, 1, 1, 1, 1, 1, 1, 2, 3, 9];
    const bins = quantileBins(orders, 5);
    expect(bins.map((b) => b.count)).toEqual([7, 0, 0, 1, 2]);
    const cuts = cutPointsFromBins('f', bins);
    expect(cuts).toEqual([1.33, 1.67, 2, 3]);
    expect([...scoreByThresholds(orders, cuts, true, 5)]).toEqual([1, 1, 1, 1, 1, 1, 1, 4, 5, 5]);
  });
});

describe('cutRange(dimension, cuts, score)', () => {
  it('reads the bins of typed cut points in words, recency reversed', () => {
    const f = (x: number) => String(x);
    expect([1, 2, 3].map((s) => cutRange('f', [2, 5], s, f))).toEqual(['under 2', '2 to under 5', '5 or more']);
    expect([3, 2, 1].map((s) => cutRange('r', [30, 60], s, f))).toEqual(['at most 30', 'over 30 to 60', 'over 60']);
  });
});

describe('parseNumberList(text)', () => {
  it('reads numbers separated by commas, semicolons or spaces', () => {
    expect(parseNumberList('30, 60;90  180')).toEqual([30, 60, 90, 180]);
    expect(parseNumberList('30, sixty')).toBeNull();
  });
});
