import { formatNumber } from '../../export/csv-cell.ts';
import { formatDay } from '../parse-day.ts';

const MS_PER_DAY = 86_400_000;

/** A text field of comma-separated output, quoted per RFC 4180 when it holds `,`, `"`, CR or LF. */
export function csvText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/**
 * A header name of comma-separated output. Also quoted when it holds `;`, tab or `|`: the
 * ingest sniffs the delimiter from the header line, counting only characters outside quotes.
 */
export function csvHeaderText(name: string): string {
  return /[,;\t|"\r\n]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
}

/** A number written plainly: '.' decimal mark, no exponent; NaN and ±Infinity as an empty field. */
export const numberText = (x: number): string => formatNumber(x);

/** Days written so far: a column repeats a few thousand dates many times. Bounded, as days are. */
const dayCache = new Map<number, string>();

/** Days since 1970-01-01 as `YYYY-MM-DD`. */
export function isoDay(day: number): string {
  let text = dayCache.get(day);
  if (text === undefined) {
    text = formatDay(day);
    if (dayCache.size < 100_000) dayCache.set(day, text);
  }
  return text;
}

/** Milliseconds since 1970-01-01 UTC as `YYYY-MM-DD HH:MM:SS` in UTC (fractions of a second dropped). */
export function isoDateTime(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const day = Math.floor(ms / MS_PER_DAY);
  const seconds = Math.floor((ms - day * MS_PER_DAY) / 1000);
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor(seconds / 60) % 60;
  const ss = seconds % 60;
  return `${isoDay(day)} ${two(hh)}:${two(mm)}:${two(ss)}`;
}

/** A date: `YYYY-MM-DD` at midnight UTC, else `YYYY-MM-DD HH:MM:SS` (for values that may or may not carry a time). */
export function isoDate(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  return ms % MS_PER_DAY === 0 ? isoDay(ms / MS_PER_DAY) : isoDateTime(ms);
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** An integer scaled by 10^-scale written exactly: (12345n, 2) → "123.45", (-5n, 3) → "-0.005". */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Floor division of a bigint by a positive bigint, as a number (for time units to milliseconds). */
export function floorDiv(value: bigint, divisor: bigint): number {
  const q = value / divisor;
  return Number(value % divisor < 0n ? q - 1n : q);
}

/**
 * Any cell value as a field of comma-separated output: null and undefined empty; strings
 * quoted when needed; numbers plainly; bigints exactly; booleans as true/false; Dates as ISO
 * (see {@link isoDate}); byte arrays empty (binary has no text form an analyst could map);
 * anything else (nested lists and structs) as JSON.
 */
export function valueText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return csvText(value);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '';
    default:
      if (value === null) return '';
      if (value instanceof Date) return isoDate(value.getTime());
      if (value instanceof Uint8Array) return '';
      return csvText(jsonText(value));
  }
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '';
  } catch {
    return String(value);
  }
}
