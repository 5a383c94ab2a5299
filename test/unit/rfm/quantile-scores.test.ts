import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/index.ts';
import { quantileScores } from '../../../src/core/index.ts';

/** The rule written the slow, obvious way: count the values strictly below. */
function bruteForce(values: number[], bins: number, higherIsBetter: boolean): number[] {
  const v = values.map((x) => (higherIsBetter ? x : -x));
  return v.map((x) => Math.min(bins, Math.floor((bins * v.filter((y) => y < x).length) / v.length) + 1));
}


describe('quantileScores', () => {
  it('splits ten distinct values into five equal bins', () => {
    expect([...quantileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('reverses the order when lower is better (recency)', () => {
    expect([...quantileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, false)]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives equal values the same score, leaving skipped bins empty', () => {
    // Six ones: 0 values below them -> score 1. The 2 has 6 below: floor(5*6/10)+1 = 4.
    expect([...quantileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 5)]).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it('gives everyone score 1 when all values are equal', () => {
    expect([...quantileScores([7, 7, 7], 5)]).toEqual([1, 1, 1]);
  });

  it('does not depend on the order of the input', () => {
    expect([...quantileScores([10, 1, 5, 3], 4)]).toEqual([4, 1, 3, 2]);
  });

  it('matches the brute-force rule on random data with many ties', () => {
    const rand = seededRandom(42);
    for (const bins of [3, 5, 10]) {
      for (const higherIsBetter of [true, false]) {
        const values = Array.from({ length: 500 }, () => Math.floor(rand() * 40));
        expect([...quantileScores(values, bins, higherIsBetter)]).toEqual(bruteForce(values, bins, higherIsBetter));
      }
    }
  });

  it('matches the brute-force rule with empty values (NaN), zeros of both signs and tiny inputs', () => {
    const rand = seededRandom(9);
    for (const n of [1, 2, 3, 7, 300]) {
      for (const bins of [2, 4, 7]) {
        for (const higherIsBetter of [true, false]) {
          const values = Array.from({ length: n }, () => {
            const u = rand();
            return u < 0.2 ? NaN : u < 0.3 ? -0 : u < 0.4 ? 0 : Math.round(rand() * 20) - 5;
          });
          expect([...quantileScores(values, bins, higherIsBetter)]).toEqual(bruteForce(values, bins, higherIsBetter));
        }
      }
    }
  });

  it('matches the brute-force rule on typed arrays in orders that are worst cases for naive selection', () => {
    const rand = seededRandom(3);
    const n = 600;
    const shapes: Record<string, (i: number) => number> = {
      ascending: (i) => i,
      descending: (i) => n - i,
      'organ pipe': (i) => Math.min(i, n - i),
      'few values': () => Math.floor(rand() * 3),
      'all equal': () => 4,
      skewed: () => Math.floor(rand() ** 4 * 60),
      sawtooth: (i) => i % 17,
    };
    for (const [name, shape] of Object.entries(shapes)) {
      const plain = Array.from({ length: n }, (_, i) => shape(i));
      for (const values of [Int32Array.from(plain), Uint32Array.from(plain), Float64Array.from(plain, (v) => v / 4)]) {
        for (const bins of [2, 5, 10]) {
          for (const higherIsBetter of [true, false]) {
            const expected = bruteForce([...values], bins, higherIsBetter);
            expect([...quantileScores(values, bins, higherIsBetter)], `${name}, ${values.constructor.name}, ${bins} bins`).toEqual(expected);
          }
        }
      }
    }
  });

  it('scores integers counted by value exactly as the rule says, over narrow and wide spans', () => {
    // Days of recency and order counts are counted per integer; a span wider than that count
    // allows (here a few integers millions apart), fractions and infinities go to selection.
    const rand = seededRandom(11);
    const shapes: Record<string, () => number> = {
      'recency days': () => Math.floor(rand() * 730),
      'order counts': () => 1 + Math.floor(-Math.log(rand() + 1e-9) * 3),
      'negative and positive': () => Math.floor(rand() * 200) - 100,
      'wide span': () => (rand() < 0.5 ? Math.floor(rand() * 10) : 5_000_000 + Math.floor(rand() * 10)),
      'integers with NaN': () => (rand() < 0.1 ? NaN : Math.floor(rand() * 50)),
      'integers and a fraction': () => (rand() < 0.01 ? 2.5 : Math.floor(rand() * 50)),
      'integers and infinity': () => (rand() < 0.01 ? Infinity : Math.floor(rand() * 50)),
    };
    for (const [name, shape] of Object.entries(shapes)) {
      const plain = Array.from({ length: 2000 }, shape);
      for (const values of [plain, Float64Array.from(plain)]) {
        for (const bins of [2, 5, 9]) {
          for (const higherIsBetter of [true, false]) {
            expect([...quantileScores(values, bins, higherIsBetter)], `${name}, ${bins} bins`).toEqual(bruteForce(plain, bins, higherIsBetter));
          }
        }
      }
    }
    const days = Int32Array.from({ length: 3000 }, () => Math.floor(rand() * 400));
    expect([...quantileScores(days, 5, false)]).toEqual(bruteForce([...days], 5, false));
    const orders = Uint32Array.from({ length: 3000 }, () => 1 + Math.floor(rand() * 12));
    expect([...quantileScores(orders, 5)]).toEqual(bruteForce([...orders], 5, true));
  });

  it('gives every value score 1 when none is a number', () => {
    expect([...quantileScores([NaN, NaN, NaN], 5)]).toEqual([1, 1, 1]);
  });

  it('leaves the values it scores as they were', () => {
    const values = Float64Array.from([5, 3, NaN, 1, 4, 2]);
    quantileScores(values, 3, false);
    expect([...values]).toEqual([5, 3, NaN, 1, 4, 2]);
  });

  it('rejects a bin count that is not an integer of at least 2', () => {
    expect(() => quantileScores([1, 2], 1)).toThrow(/bins/);
    expect(() => quantileScores([1, 2], 2.5)).toThrow(/bins/);
  });
});
