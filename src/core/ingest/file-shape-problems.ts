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

/**
 * Text from a file, cut to `max` characters for a message: a "column name" can be a whole
 * megabyte-long line, and laying out such a word made the page stall for seconds.
 */
export function clipText(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A file whose header has one column: no mapping can give it a customer id, a date and an amount. */
export function oneColumnProblem(fileName: string, column: string): Problem {
  return {
    code: 'one-column',
    column: clipText(column),
    message:
      `"${fileName}" has one column ("${clipText(column)}"). Segment Studio needs at least a customer id, a date and an amount ` +
      '(or a quantity and a unit price), each in a column of its own. If the file has them, its columns are separated by ' +
      'something other than a comma, semicolon, tab or |: save it again as CSV.',
  };
}

/** Most columns a file may have; past this the separator is almost surely not what it seems. */
export const MAX_COLUMNS = 10_000;

/** A header with more than {@link MAX_COLUMNS} columns: said at once, before any mapping step. */
export function tooManyColumnsProblem(fileName: string, columns: number, delimiter: string): Problem {
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return {
    code: 'too-many-columns',
    message:
      `"${fileName}" has at least ${columns.toLocaleString('en-GB')} columns when split at ${name}, more than the ${MAX_COLUMNS.toLocaleString('en-GB')} ` +
      'Segment Studio reads. A file of transactions has a handful: check that it is a CSV export with one transaction per line.',
    row: 1,
  };
}
