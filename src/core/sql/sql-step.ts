import type { SqlDialect } from './sql-dialect.ts';
import type { SegmentationSqlInput } from './sql-input.ts';

/** One CTE of the script: its name, the comment above it, its query. */
export interface SqlStep {
  name: string;
  comment: string;
  sql: string;
}

/** What every step is written from. */
export interface SqlContext {
  d: SqlDialect;
  input: SegmentationSqlInput;
}

/** Text from the analyst or the file, safe inside a `--` comment (no line breaks to escape it). */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Lines indented under a CTE. */
export function indent(lines: readonly string[], by = '  '): string {
  return lines.map((l) => by + l).join('\n');
}
