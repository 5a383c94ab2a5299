/**
 * Expected problems with clustering input. The codes live here rather than in `errors.ts`
 * because clustering has its own failure modes; the shape matches `Problem` (code, message,
 * `column`) so an adapter can pass one on unchanged once the codes join `ProblemCode`.
 *
 * Blocking (thrown as {@link ClusterError}):
 * - `missing-values`: a feature has NaN values (`column`, `count`).
 * - `infinite-values`: a feature has ±Infinity (`column`, `count`).
 * - `negative-for-log`: a log-scaled feature has values below 0 (`column`, `count`).
 * - `all-features-constant`: no feature varies, so there is nothing to separate.
 * - `too-few-points`: fewer points than clusters asked for (`count` = points).
 * - `too-few-distinct-points`: fewer distinct points than clusters (`count` = distinct points).
 * - `no-features`: no feature was chosen.
 *
 * Warnings (returned beside a result):
 * - `constant-feature`: a feature does not vary; it is kept but contributes nothing.
 * - `zero-iqr`: robust scaling found a zero interquartile range and fell back to the standard deviation.
 * - `clipped-for-log`: values below 0 of a log-scaled feature were taken as 0 (`column`, `count`).
 */
export type ClusterProblemCode =
  | 'missing-values'
  | 'infinite-values'
  | 'negative-for-log'
  | 'all-features-constant'
  | 'too-few-points'
  | 'too-few-distinct-points'
  | 'no-features'
  | 'constant-feature'
  | 'zero-iqr'
  | 'clipped-for-log';

export interface ClusterProblem {
  code: ClusterProblemCode;
  /** One or two sentences an analyst can act on. */
  message: string;
  /** The feature concerned, by name (the same field as `Problem.column`). */
  column?: string;
  /** How many values (or points) are concerned. */
  count?: number;
}

/**
 * Thrown by the clustering core for input it cannot cluster. `problems` lists every blocking
 * problem found (for instance each feature with missing values), `problem` is the first.
 */
export class ClusterError extends Error {
  readonly problem: ClusterProblem;
  readonly problems: readonly ClusterProblem[];
  constructor(problems: ClusterProblem | readonly ClusterProblem[]) {
    const list = Array.isArray(problems) ? (problems as readonly ClusterProblem[]) : [problems as ClusterProblem];
    if (list.length === 0) throw new Error('ClusterError needs at least one problem');
    super(list.map((p) => p.message).join(' '));
    this.name = 'ClusterError';
    this.problem = list[0];
    this.problems = list;
  }
}

/**
 * The result of a clustering step as a value: expected problems travel as data (like `Outcome`
 * in errors.ts), never as exceptions across a worker boundary. `problem` is the first of
 * `problems`.
 */
export type ClusterOutcome<T> = { ok: true; value: T } | { ok: false; problem: ClusterProblem; problems: ClusterProblem[] };

/**
 * Runs `compute` and turns a {@link ClusterError} into `{ ok: false, problems }`. Anything else
 * (a programming error, an abort) is rethrown unchanged.
 */
export function clusterOutcome<T>(compute: () => T): ClusterOutcome<T> {
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    if (error instanceof ClusterError) return { ok: false, problem: error.problem, problems: [...error.problems] };
    throw error;
  }
}
