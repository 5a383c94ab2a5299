import { formatDay } from '../core/index.ts';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);
/** Amounts are shown without a currency symbol: the file does not say which currency it is in. */
export const formatMoney = (n: number): string => money.format(n);
export const formatCompact = (n: number): string => compact.format(n);
export const formatDate = formatDay;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** 0.1234 -> "12.3%" */
export const formatPercent = (x: number): string => percent.format(x);
