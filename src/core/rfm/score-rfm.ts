import type { CustomerTable, DayNumber } from '../types.ts';
import { quantileScores } from './quantile-scores.ts';

export interface RfmSettings {
  /** Number of score bins per dimension (5 gives quintiles). */
  bins: number;
  /** The day recency is measured to; the app's default is the day after the last transaction. */
  analysisDay: DayNumber;
}

export interface RfmScores {
  analysisDay: DayNumber;
  /** Days from the last purchase to the analysis day. */
  recency: Int32Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

/**
 * RFM scores by quantiles of the customers: R from recency in days (recent = high score),
 * F from distinct orders, M from net revenue. See {@link quantileScores} for how ties bin.
 */
export function scoreRfm(customers: CustomerTable, settings: RfmSettings): RfmScores {
  const { analysisDay } = settings;
  const recency = new Int32Array(customers.n);
  for (let i = 0; i < customers.n; i++) recency[i] = analysisDay - customers.lastDay[i];
  return {
    analysisDay,
    recency,
    r: quantileScores(recency, settings.bins, false),
    f: quantileScores(customers.frequency, settings.bins),
    m: quantileScores(customers.monetary, settings.bins),
  };
}
