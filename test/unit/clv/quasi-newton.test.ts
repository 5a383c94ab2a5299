import { describe, expect, test } from 'vitest';
import { quasiNewton } from '../../../src/core/clv/quasi-newton.ts';
import { ClvAborted } from '../../../src/core/clv/clv-error.ts';

describe('quasiNewton(f, x0, options, df?)', () => {
  const rosenbrock = ([a, b]: number[]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2;

  test('finds the minimum of the Rosenbrock valley, (1, 1), with central-difference gradients', () => {
    const r = quasiNewton(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  test('uses the gradient it is given: the same minimum in fewer evaluations', () => {
    const df = ([a, b]: number[]) => [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)];
    const withGradient = quasiNewton(rosenbrock, [-1.2, 1], {}, df);
    const without = quasiNewton(rosenbrock, [-1.2, 1]);
    expect(withGradient.x[0]).toBeCloseTo(1, 4);
    expect(withGradient.evaluations).toBeLessThan(without.evaluations);
  });

  test('steps back from where the function cannot be evaluated', () => {
    // ln-barrier: undefined (NaN) for x ≤ 0; the minimum of x − ln x is at x = 1.
    const r = quasiNewton(([x]) => x - Math.log(x), [5]);
    expect(r.x[0]).toBeCloseTo(1, 5);
  });

  test('stops, not converged, when the point leaves the region it is told about', () => {
    const r = quasiNewton(([x]) => Math.exp(-x), [0], { outside: ([x]) => x > 10 });
    expect(r.converged).toBe(false);
    expect(r.x[0]).toBeGreaterThan(10);
  });

  test('a set abort flag stops it with ClvAborted', () => {
    expect(() => quasiNewton(rosenbrock, [-1.2, 1], { signal: { aborted: true } })).toThrow(ClvAborted);
  });
});
