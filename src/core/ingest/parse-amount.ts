const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number ("12", "-3.50", "1e3"); NaN for anything else, including empty
 * cells, hex and text. `Number()` alone would accept "", "0x1F" and " " as numbers.
 */
export function parseAmount(text: string): number {
  const s = text.trim();
  if (!PLAIN_NUMBER.test(s)) return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}
