import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../src/core/cluster/cluster-error.ts';
import { scaleFeatures, type FeatureScale, type ScalingMethod } from '../../../src/core/cluster/scale-features.ts';

const recency = [3, 10, 40, 200, 7];
const orders = [1, 2, 1, 8, 3];
const revenue = [20, 55.5, 12, 900, 130];

function column(data: Float64Array, d: number, j: number): number[] {
  return Array.from({ length: data.length / d }, (_, i) => data[i * d + j]);
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** A scaled value back in original units, by the parameters the scaling reports. */
const unscaleValue = (value: number, scale: FeatureScale): number => {
  const t = value * scale.scale + scale.center;
  return scale.log ? Math.expm1(t) : t;
};

describe('scaleFeatures', () => {
  it('lays the features out row-major, point i feature j at i * d + j', () => {
    const { data, n, d } = scaleFeatures(
      [
        { name: 'a', values: [1, 2] },
        { name: 'b', values: [3, 4] },
      ],
      { method: 'none' },
    );
    expect([n, d]).toEqual([2, 2]);
    expect(Array.from(data)).toEqual([1, 3, 2, 4]);
  });

  it('zscore gives each feature mean 0 and (population) standard deviation 1', () => {
    const { data, d } = scaleFeatures(
      [
        { name: 'recency', values: recency },
        { name: 'revenue', values: revenue },
      ],
      { method: 'zscore' },
    );
    for (let j = 0; j < d; j++) {
      const x = column(data, d, j);
      expect(mean(x)).toBeCloseTo(0, 12);
      expect(mean(x.map((v) => v * v))).toBeCloseTo(1, 12);
    }
  });

  it('minmax maps each feature onto [0, 1]', () => {
    const { data } = scaleFeatures([{ name: 'orders', values: orders }], { method: 'minmax' });
    expect(Array.from(data)).toEqual([0, 1 / 7, 0, 1, 2 / 7]);
  });

  it('robust centres on the median and divides by the interquartile range', () => {
    // Sorted 3, 7, 10, 40, 200: median 10, quartiles 7 and 40, IQR 33.
    const { data, scales } = scaleFeatures([{ name: 'recency', values: recency }], { method: 'robust' });
    expect(scales[0]).toMatchObject({ center: 10, scale: 33, constant: false });
    expect(data[0]).toBeCloseTo((3 - 10) / 33, 12);
  });

  it('takes log1p first when asked, for all features or per feature', () => {
    const all = scaleFeatures([{ name: 'revenue', values: [0, Math.E - 1] }], { method: 'none', log: true });
    expect(all.data[0]).toBe(0);
    expect(all.data[1]).toBeCloseTo(1, 12);
    const mixed = scaleFeatures(
      [
        { name: 'recency', values: [5, 6], log: false },
        { name: 'revenue', values: [0, Math.E - 1] },
      ],
      { method: 'none', log: true },
    );
    expect(mixed.scales.map((s) => s.log)).toEqual([false, true]);
    expect(mixed.data[2]).toBe(6);
  });

  it.each<[ScalingMethod, boolean]>([
    ['zscore', false],
    ['zscore', true],
    ['minmax', true],
    ['robust', false],
    ['robust', true],
    ['none', true],
  ])('reports the parameters that map the values back to the original units (%s, log %s)', (method, log) => {
    const features = [
      { name: 'recency', values: recency },
      { name: 'orders', values: orders },
      { name: 'revenue', values: revenue },
    ];
    const scaled = scaleFeatures(features, { method, log });
    for (let j = 0; j < 3; j++) {
      column(scaled.data, 3, j).forEach((v, i) => expect(unscaleValue(v, scaled.scales[j])).toBeCloseTo(features[j].values[i], 9));
    }
  });

  it('keeps a constant feature as zeros and warns about it instead of dividing by zero', () => {
    const result = scaleFeatures(
      [
        { name: 'recency', values: recency },
        { name: 'country', values: [1, 1, 1, 1, 1] },
      ],
      { method: 'zscore' },
    );
    expect(column(result.data, 2, 1)).toEqual([0, 0, 0, 0, 0]);
    expect(result.scales[1]).toMatchObject({ constant: true, scale: 1 });
    expect(result.warnings.map((w) => [w.code, w.column])).toEqual([['constant-feature', 'country']]);
    expect(unscaleValue(0, result.scales[1])).toBe(1);
  });

  it('falls back to the standard deviation, with a warning, when robust scaling meets a zero IQR', () => {
    const result = scaleFeatures([{ name: 'orders', values: [1, 1, 1, 1, 1, 1, 9] }], { method: 'robust' });
    expect(result.warnings.map((w) => w.code)).toEqual(['zero-iqr']);
    expect(result.scales[0].scale).toBeGreaterThan(0);
    expect(result.data.every(Number.isFinite)).toBe(true);
  });

  it('rejects data where every feature is constant', () => {
    const attempt = () =>
      scaleFeatures(
        [
          { name: 'a', values: [2, 2, 2] },
          { name: 'b', values: [0, 0, 0] },
        ],
        { method: 'minmax' },
      );
    expect(attempt).toThrow(ClusterError);
    expect(attempt).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'all-features-constant' }) }));
  });

  it('reports every feature with missing values and how many, instead of producing NaN', () => {
    try {
      scaleFeatures(
        [
          { name: 'recency', values: [1, Number.NaN, 3] },
          { name: 'orders', values: [1, 2, 3] },
          { name: 'revenue', values: [Number.NaN, Number.NaN, 3] },
        ],
        { method: 'zscore' },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ClusterError);
      const problems = (error as ClusterError).problems;
      expect(problems.map((p) => [p.code, p.column, p.count])).toEqual([
        ['missing-values', 'recency', 1],
        ['missing-values', 'revenue', 2],
      ]);
    }
  });

  it('refuses to log-scale negative values, naming the feature', () => {
    const attempt = () => scaleFeatures([{ name: 'net revenue', values: [10, -4, 3] }], { method: 'zscore', log: true });
    expect(attempt).toThrow(/"net revenue" is negative for 1 of 3 customers/);
    expect(attempt).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'negative-for-log', column: 'net revenue', count: 1 }) }));
  });

  it('reports infinite values and an empty table', () => {
    expect(() => scaleFeatures([{ name: 'x', values: [1, Infinity] }], { method: 'none' })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'infinite-values' }) }),
    );
    expect(() => scaleFeatures([{ name: 'x', values: [] }], { method: 'none' })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'too-few-points' }) }),
    );
  });

  it('treats no features or features of different lengths as programming errors', () => {
    expect(() => scaleFeatures([], { method: 'none' })).toThrow(RangeError);
    expect(() =>
      scaleFeatures(
        [
          { name: 'a', values: [1, 2] },
          { name: 'b', values: [1] },
        ],
        { method: 'none' },
      ),
    ).toThrow(RangeError);
  });
});
