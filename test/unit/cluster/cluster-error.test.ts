import { describe, expect, it } from 'vitest';
import { ClusterAborted, ClusterError } from '../../../src/core/cluster/cluster-error.ts';

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

describe('ClusterAborted', () => {
  it('is named AbortError, like the platform abort, so adapters treat a stop as no failure', () => {
    expect(new ClusterAborted().name).toBe('AbortError');
  });
});
