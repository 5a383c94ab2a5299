export { defaultSegmentSettings } from '../../../src/core/index.ts';

/** A YYYY-MM-DD date as a day number (days since 1970-01-01). */
export function parseDayForTest(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}
