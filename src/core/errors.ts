/**
 * Expected problems with the analyst's input (a bad file, a missing column) are values of this
 * shape: a stable code for tests and the UI, a message for people, and the place when known.
 * They cross the worker boundary as plain objects ({@link Problem}), since structured clone
 * drops the fields of Error subclasses.
 */
export type ProblemCode =
  | 'empty-file'
  | 'no-header'
  | 'no-customer-column'
  | 'no-date-column'
  | 'no-amount-column'
  | 'no-valid-rows'
  | 'binary-file'
  | 'one-column'
  | 'too-many-columns'
  | 'unsupported-format'
  | 'sheet-not-found'
  | 'read-failed'
  | 'too-large-for-memory';

export interface Problem {
  code: ProblemCode;
  /** One or two sentences an analyst can act on. */
  message: string;
  /** 1-based row number in the file, the header being row 1. */
  row?: number;
  /** Column name as written in the file's header. */
  column?: string;
}

/** Thrown inside the core for an expected problem; adapters turn it into a {@link Problem} value. */
export class SegmentError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'SegmentError';
    this.problem = problem;
  }
}

/** An outcome that is either a value or an expected problem; never thrown across the boundary. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };
