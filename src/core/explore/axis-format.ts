/** What an axis measures, for its tick labels: money gets no sub-unit SI prefixes. */
export type AxisUnit = 'money' | 'count' | 'score' | 'share' | 'days';

const UNITS: ReadonlyArray<[number, string]> = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A tick label for an axis. Large values are shortened with k, M, bn, tn (never the SI sub-units
 * "m", "µ", "n", "p" or "f" d3's "~s" gives small values: "100p" on a revenue axis reads as
 * nonsense). Money is rounded to cents, so a floating-point residue such as 1e-11 reads "0";
 * other units keep up to three decimals. Shares (0..1) read as percentages.
 */
export function formatAxisTick(value: number, unit: AxisUnit): string {
  if (!Number.isFinite(value)) return '';
  if (unit === 'share') return `${trim((value * 100).toFixed(1))}%`;
  const digits = unit === 'money' ? 2 : 3;
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return '0';
  const abs = Math.abs(rounded);
  for (const [size, suffix] of UNITS) {
    if (abs >= size) return `${rounded < 0 ? '−' : ''}${trim((abs / size).toFixed(abs / size >= 100 ? 0 : 1))}${suffix}`;
  }
  return `${rounded < 0 ? '−' : ''}${trim(abs.toFixed(abs >= 100 ? 0 : digits))}`;
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
