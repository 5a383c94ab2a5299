import { describe, expect, it } from 'vitest';
import { ClusterError, clusterOutcome } from '../../../src/core/cluster/cluster-error.ts';

describe('ClusterError', () => {
  it('carries every problem, the first as `problem`, and all messages in its message', () => {
    const error = new ClusterError([
      { code: 'missing-values', column: 'recency', count: 2, message: 'Recency is missing.' },
      { code: 'missing-values', column: 'orders', count: 1, message: 'Orders are missing.' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ClusterError');
    expect(error.problem.column).toBe('recency');
    expect(error.problems.map((p) => p.column)).toEqual(['recency', 'orders']);
    expect(error.message).toBe('Recency is missing. Orders are missing.');
  });

  it('accepts a single problem', () => {
    expect(new ClusterError({ code: 'too-few-points', count: 1, message: 'Too few.' }).problems).toHaveLength(1);
  });
});

describe('clusterOutcome(compute)', () => {
  it('wraps a result as { ok: true, value }', () => {
    expect(clusterOutcome(() => 42)).toEqual({ ok: true, value: 42 });
  });

  it('turns a ClusterError into a value with every problem, the first as `problem`', () => {
    const problems = [
      { code: 'missing-values' as const, column: 'recency', count: 2, message: 'Recency is missing.' },
      { code: 'infinite-values' as const, column: 'orders', count: 1, message: 'Orders are infinite.' },
    ];
    expect(
      clusterOutcome(() => {
        throw new ClusterError(problems);
      }),
    ).toEqual({ ok: false, problem: problems[0], problems });
  });

  it('lets programming errors through', () => {
    expect(() =>
      clusterOutcome(() => {
        throw new RangeError('k must be a whole number');
      }),
    ).toThrow(RangeError);
  });
});
