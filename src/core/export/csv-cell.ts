/** Field separators a CRM import accepts; ';' suits spreadsheets in comma-decimal locales. */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * Neutralises a text cell a spreadsheet would run as a formula: text beginning with =, +, -, @,
 * tab or carriage return gets a leading single quote (the OWASP "CSV injection" advice). Only
 * for text: numbers are written by {@link formatNumber} and never pass through here, so a
 * negative amount stays a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Quotes a field per RFC 4180 when it holds the delimiter, a double quote, CR or LF: wrapped in
 * double quotes, inner quotes doubled.
 */
export function quoteField(text: string, delimiter: CsvDelimiter = ','): string {
  const needs = text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A text cell, neutralised then quoted. */
export function textCell(text: string, delimiter: CsvDelimiter = ','): string {
  return quoteField(neutraliseFormula(text), delimiter);
}

/**
 * A number written plainly for machines: '.' decimal mark, no thousands separators, no
 * exponent for ordinary magnitudes; NaN and ±Infinity as an empty cell. With `decimals`, rounded
 * half away from zero on the number's shortest decimal form (so 1.005 → "1.01", not the binary
 * "1.00"), and never "-0.00".
 */
export function formatNumber(x: number, decimals?: number): string {
  if (!Number.isFinite(x)) return '';
  if (decimals === undefined || Math.abs(x) >= 1e21) return plain(x);
  const scaled = Math.abs(x) * 10 ** decimals;
  // Fast path: below 1e9 the product is off by well under 1e-6, so unless it sits that close to
  // a half, rounding it gives the same digits as rounding the decimal form (the slow path).
  if (scaled < 1e9 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) {
    const units = Math.round(scaled);
    return units === 0 ? (0).toFixed(decimals) : (x < 0 ? '-' : '') + withPoint(units, decimals);
  }
  const abs = String(Math.abs(x));
  // Shifting the decimal text ("1.005" → "1.005e2" = 100.5) avoids the binary error of 1.005 * 100.
  const shifted = abs.includes('e') ? Math.abs(x) * 10 ** decimals : Number(`${abs}e${decimals}`);
  const units = Math.round(shifted);
  return units === 0 ? (0).toFixed(decimals) : (Math.sign(x) * Number(`${units}e-${decimals}`)).toFixed(decimals);
}

/** The integer `units` divided by 10^decimals, written out: (12345, 2) → "123.45". */
function withPoint(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const digits = String(units).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function plain(x: number): string {
  const s = String(x === 0 ? 0 : x);
  if (!s.includes('e')) return s;
  // String() switches to exponent form below 1e-6 and from 1e21; spell those out.
  return Math.abs(x) < 1 ? x.toFixed(20).replace(/0+$/, '') : BigInt(Math.round(x)).toString();
}
