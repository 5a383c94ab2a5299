import type { DayNumber } from '../types.ts';

/**
 * Days since 1970-01-01 for a proleptic Gregorian date, without `Date` (Howard Hinnant's
 * days_from_civil), so parsing never depends on the machine's time zone.
 */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of {@link daysFromCivil}: the year, month (1-12) and day of a day number. */
export function civilFromDays(day: DayNumber): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** A day number as an ISO `YYYY-MM-DD` string. */
export function formatDay(day: DayNumber): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);
}

export type DateFormat = 'iso' | 'yyyymmdd';

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'year-month-day (2011-12-09, time of day ignored)',
  yyyymmdd: 'YYYYMMDD (20111209)',
};

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]|$)/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Parses a date as written to its calendar day. Times and offsets after the date are ignored
 * on purpose: "2011-12-09 23:30" is 9 December wherever the analyst sits.
 * Returns null for anything that is not a valid date in a supported format.
 */
export function parseDay(text: string): { day: DayNumber; format: DateFormat } | null {
  const s = text.trim();
  let m = ISO.exec(s);
  let format: DateFormat = 'iso';
  if (!m) {
    m = COMPACT.exec(s);
    format = 'yyyymmdd';
  }
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (!validDay(y, mo, d)) return null;
  return { day: daysFromCivil(y, mo, d), format };
}
