/**
 * Why a lifetime-value model could not be fitted, as a value the UI shows: a stable code and a
 * message that says why and what to change.
 *
 * - `too-few-repeat-buyers`: fewer repeat buyers than {@link MIN_REPEAT_BUYERS}.
 * - `no-variation`: every customer has the same number of repeat purchase days (or, for
 *   Gamma-Gamma, the same mean value), so there is nothing to learn a spread from.
 * - `non-positive-values`: Gamma-Gamma needs a positive mean repeat purchase value.
 * - `no-convergence`: the optimiser found no stable maximum.
 */
export type ClvProblemCode = 'too-few-repeat-buyers' | 'no-variation' | 'non-positive-values' | 'no-convergence';

export interface ClvProblem {
  code: ClvProblemCode;
  message: string;
  /** Which model it concerns. */
  model: 'BG/NBD' | 'Pareto/NBD' | 'Gamma-Gamma' | 'all';
}

/** Thrown by the fits for an expected problem; adapters pass `problem` on. */
export class ClvError extends Error {
  readonly problem: ClvProblem;
  constructor(problem: ClvProblem) {
    super(problem.message);
    this.name = 'ClvError';
    this.problem = problem;
  }
}

/** Thrown when a fit is cancelled: not an error, the caller drops the result. */
export class ClvAborted extends Error {
  constructor() {
    super('lifetime value fit cancelled');
    this.name = 'ClvAborted';
  }
}

/** Fewer repeat buyers than this cannot pin down the models' four parameters. */
export const MIN_REPEAT_BUYERS = 20;
