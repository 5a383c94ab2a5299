import { describe, expect, it } from 'vitest';
import { gatherRows, sampleIndices } from '../../../src/core/cluster/sample-indices.ts';
import { seededRandom } from '../../../src/core/cluster/seeded-random.ts';

describe('sampleIndices', () => {
  it('draws distinct indices in ascending order, within range', () => {
    const sample = sampleIndices(1000, 100, seededRandom(1));
    expect(sample).toHaveLength(100);
    for (let i = 1; i < sample.length; i++) expect(sample[i]).toBeGreaterThan(sample[i - 1]);
    expect(sample[0]).toBeGreaterThanOrEqual(0);
    expect(sample[99]).toBeLessThan(1000);
  });

  it('draws the same sample from the same seed', () => {
    expect(sampleIndices(1000, 50, seededRandom(9))).toEqual(sampleIndices(1000, 50, seededRandom(9)));
  });

  it('returns every index when the sample is as large as the population', () => {
    expect(Array.from(sampleIndices(4, 10, seededRandom(1)))).toEqual([0, 1, 2, 3]);
  });

  it('covers the population evenly', () => {
    const hits = new Int32Array(10);
    const random = seededRandom(5);
    for (let r = 0; r < 2000; r++) for (const i of sampleIndices(10, 3, random)) hits[i]++;
    for (const h of hits) expect(Math.abs(h - 600)).toBeLessThan(90);
  });
});

describe('gatherRows', () => {
  it('copies the chosen rows of a row-major matrix', () => {
    const data = Float64Array.of(0, 1, 10, 11, 20, 21);
    expect(Array.from(gatherRows(data, 2, Int32Array.of(0, 2)))).toEqual([0, 1, 20, 21]);
  });
});
