import type { Problem } from '../errors.ts';

/**
 * True when bytes look like a binary file rather than text: two or more NUL bytes, and more than
 * 1% of the first 4 KB. A stray NUL in a text export (a control character pasted into a field)
 * is not enough: that file is read, and the row and column named.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let zeros = 0;
  for (let at = head.indexOf(0); at >= 0; at = head.indexOf(0, at + 1)) zeros++;
  return zeros > 1 && zeros * 100 > head.length;
}

/** A file whose header has one column: no mapping can give it a customer id, a date and an amount. */
export function oneColumnProblem(fileName: string, column: string): Problem {
  return {
    code: 'one-column',
    column,
    message:
      `"${fileName}" has one column ("${column}"). Segment Studio needs at least a customer id, a date and an amount ` +
      '(or a quantity and a unit price), each in a column of its own. If the file has them, its columns are separated by ' +
      'something other than a comma, semicolon, tab or |: save it again as CSV.',
  };
}
