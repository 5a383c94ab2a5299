import type { ClusterProblem } from './cluster-error.ts';

/**
 * The blocking problems of one feature's values: NaN (missing), ±Infinity, and, when the
 * feature is to be log-scaled, values below 0. Empty when the values are usable.
 */
export function checkValues(name: string, values: ArrayLike<number>, log: boolean): ClusterProblem[] {
  let missing = 0;
  let infinite = 0;
  let negative = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) missing++;
    else if (v === Infinity || v === -Infinity) infinite++;
    else if (log && v < 0) negative++;
  }
  const problems: ClusterProblem[] = [];
  const of = `${values.length.toLocaleString('en-US')}`;
  if (missing > 0) {
    problems.push({
      code: 'missing-values',
      column: name,
      count: missing,
      message: `"${name}" is missing for ${missing.toLocaleString('en-US')} of ${of} customers; fill or filter them before clustering.`,
    });
  }
  if (infinite > 0) {
    problems.push({
      code: 'infinite-values',
      column: name,
      count: infinite,
      message: `"${name}" is infinite for ${infinite.toLocaleString('en-US')} of ${of} customers.`,
    });
  }
  if (negative > 0) {
    problems.push({
      code: 'negative-for-log',
      column: name,
      count: negative,
      message: `"${name}" is negative for ${negative.toLocaleString('en-US')} of ${of} customers, so it cannot be log-scaled; turn the log off for it or filter those customers.`,
    });
  }
  return problems;
}
