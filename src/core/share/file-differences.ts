import type { FileFingerprint } from './session-settings.ts';

/**
 * How a file differs from the one settings were made with, in words; empty when it is the same
 * file (same columns, rows and first and last MiB). The name alone does not count: files get renamed.
 */
export function fileDifferences(expected: FileFingerprint, actual: FileFingerprint): string[] {
  const out: string[] = [];
  if (expected.columns.join('\u0000') !== actual.columns.join('\u0000')) out.push(`its columns are ${actual.columns.slice(0, 8).join(', ')}${actual.columns.length > 8 ? ', …' : ''} instead of ${expected.columns.slice(0, 8).join(', ')}${expected.columns.length > 8 ? ', …' : ''}`);
  if (expected.rows !== actual.rows) out.push(`it has ${actual.rows.toLocaleString('en')} rows instead of ${expected.rows.toLocaleString('en')}`);
  if (out.length === 0 && expected.hash !== actual.hash) out.push('its content is different');
  return out;
}
