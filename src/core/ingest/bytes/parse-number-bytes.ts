const ZERO = 48;
const NINE = 57;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** How numbers are written in a file: the decimal mark and the thousands separator (0 = none). */
export interface NumberStyle {
  decimal: number;
  thousands: number;
}

export const POINT_DECIMAL: NumberStyle = { decimal: 46, thousands: 44 };
export const COMMA_DECIMAL: NumberStyle = { decimal: 44, thousands: 46 };

const SPACE = 32;
const TAB = 9;
const NBSP_LEAD = 0xc2;
const NBSP_TAIL = 0xa0;

/**
 * Where {@link readNumberBytes} leaves the number it read. A double returned from a function
 * the engine does not inline (this one is too large) is boxed in a fresh heap object: one per
 * amount read, 16 MB of garbage a million lines, and about 45 young-generation collections in
 * each worker reading a 5M-row file. Stored in a typed array, it stays a plain double.
 */
export const numberRead = new Float64Array(1);

/**
 * Reads a number straight from bytes: optional sign, currency symbols or codes around it
 * ($, £, €, ¥ and three-letter codes such as EUR), thousands separators, a decimal mark, and
 * accounting negatives in parentheses: "(1,234.50)" is -1234.5. Leaves NaN for anything else,
 * and for numbers past the range of a double ("1e309"). The number is left in
 * {@link numberRead}[0], not returned, for loops over millions of cells.
 *
 * The value is mantissa / 10^decimals, both exact in a double for up to 15 digits, so the
 * result is the correctly rounded nearest double, the same as `Number("1234.50")`.
 */
export function readNumberBytes(bytes: Uint8Array, start: number, end: number, style: NumberStyle): void {
  // Unreadable unless a number is found: every early return leaves NaN.
  numberRead[0] = NaN;
  let i = start;
  let e = end;
  while (i < e && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  while (e > i && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
  if (i === e) return;
  let negative = false;
  if (bytes[i] === 40 && bytes[e - 1] === 41) {
    negative = true;
    i++;
    e--;
  }
  // Signs and currency may come in either order: "-$5", "$-5", "5 €", "EUR 5".
  for (let guard = 0; guard < 3; guard++) {
    if (bytes[i] === 45 || bytes[i] === 43) {
      if (bytes[i] === 45) negative = !negative;
      i++;
    }
    const skip = currencyLength(bytes, i, e);
    if (skip === 0) break;
    i += skip;
    while (i < e && (bytes[i] === SPACE || (bytes[i] === NBSP_LEAD && bytes[i + 1] === NBSP_TAIL))) i += bytes[i] === SPACE ? 1 : 2;
  }
  for (let guard = 0; guard < 2; guard++) {
    while (e > i && (bytes[e - 1] === SPACE || (bytes[e - 2] === NBSP_LEAD && bytes[e - 1] === NBSP_TAIL))) e -= bytes[e - 1] === SPACE ? 1 : 2;
    const skip = currencyLengthBack(bytes, i, e);
    if (skip === 0) break;
    e -= skip;
  }
  if (i < e && bytes[e - 1] === 45 && !negative) {
    // Trailing minus, as some ERP exports write it: "12.50-".
    negative = true;
    e--;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  let lastThousands = -1;
  for (let k = i; k < e; k++) {
    const b = bytes[k];
    if (b >= ZERO && b <= NINE) {
      mantissa = mantissa * 10 + (b - ZERO);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (b === style.decimal && decimals < 0) {
      decimals = 0;
    } else if (b === style.thousands && decimals < 0 && digits > 0) {
      // Groups after a thousands separator have exactly three digits.
      if (lastThousands >= 0 && k - lastThousands !== 4) return;
      lastThousands = k;
    } else if ((b === 101 || b === 69) && digits > 0) {
      numberRead[0] = slowParse(bytes, i, e, style, negative);
      return;
    } else return;
  }
  if (digits === 0) return;
  if (lastThousands >= 0 && (decimals >= 0 ? e - lastThousands - 1 - decimals - 1 : e - lastThousands - 1) !== 3) return;
  if (digits > 15 || decimals > 22) {
    numberRead[0] = slowParse(bytes, i, e, style, negative);
    return;
  }
  const value = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
  numberRead[0] = negative ? -value : value;
}

/** Exponents and very long numbers: rebuild the plain text and let the engine round it. */
function slowParse(bytes: Uint8Array, i: number, e: number, style: NumberStyle, negative: boolean): number {
  let s = negative ? '-' : '';
  for (let k = i; k < e; k++) {
    const b = bytes[k];
    if (b === style.thousands) continue;
    s += b === style.decimal ? '.' : String.fromCharCode(b);
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  // "50.001e309" (a stray "e309" glued to an amount) is past the largest double: unreadable, not
  // an infinite revenue that would make every sum, score and chart Infinity or NaN.
  const value = Number(s);
  return Number.isFinite(value) ? value : NaN;
}

/** Length in bytes of a currency symbol or code at i ($, £, €, ¥, or three capitals). */
function currencyLength(bytes: Uint8Array, i: number, e: number): number {
  if (i >= e) return 0;
  const b = bytes[i];
  if (b === 36) return 1; // $
  if (b === 0xc2 && (bytes[i + 1] === 0xa3 || bytes[i + 1] === 0xa5)) return 2; // £ ¥ in UTF-8
  if (b === 0xe2 && bytes[i + 1] === 0x82 && bytes[i + 2] === 0xac) return 3; // € in UTF-8
  if (b === 0xa3 || b === 0x80 || b === 0xa5) return 1; // £ € ¥ in Windows-1252
  if (e - i >= 3 && isCapital(b) && isCapital(bytes[i + 1]) && isCapital(bytes[i + 2])) return 3;
  return 0;
}

function currencyLengthBack(bytes: Uint8Array, i: number, e: number): number {
  if (e <= i) return 0;
  const b = bytes[e - 1];
  if (b === 36 || b === 0xa3 || b === 0x80 || b === 0xa5) return 1;
  if (e - i >= 2 && bytes[e - 2] === 0xc2 && (b === 0xa3 || b === 0xa5)) return 2;
  if (e - i >= 3 && bytes[e - 3] === 0xe2 && bytes[e - 2] === 0x82 && b === 0xac) return 3;
  if (e - i >= 3 && isCapital(b) && isCapital(bytes[e - 2]) && isCapital(bytes[e - 3])) return 3;
  return 0;
}

function isCapital(b: number): boolean {
  return b >= 65 && b <= 90;
}
