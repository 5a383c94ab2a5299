import { describe, expect, it } from 'vitest';
import { randomIndex, seededRandom } from '../../../src/core/cluster/seeded-random.ts';

const take = (random: () => number, count: number): number[] => Array.from({ length: count }, () => random());

describe('seededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(seededRandom(42), 100)).toEqual(take(seededRandom(42), 100));
  });

  it('gives unrelated sequences for neighbouring seeds', () => {
    const a = take(seededRandom(1), 100);
    const b = take(seededRandom(2), 100);
    expect(a.filter((v, i) => v === b[i])).toEqual([]);
  });

  it('returns numbers in [0, 1) spread evenly', () => {
    const values = take(seededRandom(7), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    const deciles = new Array<number>(10).fill(0);
    for (const v of values) deciles[Math.floor(v * 10)]++;
    for (const count of deciles) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });
});

describe('randomIndex', () => {
  it('returns whole numbers 0..n-1, even from a generator that returns 1', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const j = randomIndex(random, 7);
      expect(Number.isInteger(j) && j >= 0 && j < 7).toBe(true);
    }
    expect(randomIndex(() => 1, 7)).toBe(6);
  });
});
