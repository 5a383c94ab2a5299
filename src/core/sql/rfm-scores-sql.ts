import type { RfmDimension } from '../model/segment-settings.ts';
import { doubleLiteral, intLiteral } from './sql-dialect.ts';
import type { SqlContext, SqlStep } from './sql-step.ts';

/**
 * Step 6, the R, F and M scores 1..bins (bins is best). Per dimension, whichever applies:
 * - typed thresholds: a value equal to a cut point gets the better of the two scores;
 * - quantiles, recomputed: the app's rule `floor(bins × below / n) + 1`, where `below` counts the
 *   customers strictly worse (RANK() − 1), so equal values share a score and a tie group that
 *   straddles a boundary goes wholly into the lower score;
 * - quantiles, fixed: the value ranges of the app's scores (its tie groups are never split, so
 *   the ranges do not overlap).
 */
export function rfmScoreStep({ d, input }: SqlContext): SqlStep {
  const { bins, cutPoints, monetary } = input.settings.rfm;
  const column: Record<RfmDimension, string> = {
    r: 'recency_days',
    f: 'frequency',
    m: monetary === 'revenue' ? 'monetary_value' : 'average_order_value',
  };
  // The quantile order: "worse" is more days since the last purchase, fewer orders, less money.
  const rankOrder: Record<RfmDimension, string> = { r: 'last_day', f: 'frequency', m: monetary === 'revenue' ? 'units' : 'average_order_value' };
  const how: string[] = [];
  const score = (dim: RfmDimension): string => {
    const value = column[dim];
    const cuts = cutPoints[dim];
    const higherIsBetter = dim !== 'r';
    if (cuts) {
      how.push(`${dim.toUpperCase()}: typed thresholds ${cuts.join(', ')}`);
      // 1 + the cut points on the worse side of the value (<= it going up; < it for recency).
      const terms = cuts.map((c) => `CASE WHEN ${value} ${higherIsBetter ? '>=' : '>'} ${doubleLiteral(c)} THEN 1 ELSE 0 END`);
      return higherIsBetter ? `1 + ${terms.join(' + ')}` : `${intLiteral(cuts.length + 1)} - (${terms.join(' + ')})`;
    }
    if (input.thresholds === 'recomputed') {
      how.push(`${dim.toUpperCase()}: quantiles recomputed here`);
      return `LEAST(${bins}, CAST(FLOOR(CAST(${bins} * (RANK() OVER (ORDER BY ${rankOrder[dim]}) - 1) AS ${d.floatType}) / COUNT(*) OVER ()) AS ${d.intType}) + 1)`;
    }
    const filled = input.fixed.scoreBins[dim].filter((b) => b.count > 0 && Number.isFinite(b.min));
    how.push(`${dim.toUpperCase()}: the app's quantile ranges ${filled.map((b) => `${b.score}: ${b.min}..${b.max}`).join('; ')}`);
    // From the best score down; the rest (the lowest score, or data outside the app's range) is 1.
    const whens = filled
      .filter((b) => b.score > 1)
      .sort((a, b) => b.score - a.score)
      .map((b) => (higherIsBetter ? `WHEN ${value} >= ${doubleLiteral(b.min)} THEN ${b.score}` : `WHEN ${value} <= ${doubleLiteral(b.max)} THEN ${b.score}`));
    return whens.length === 0 ? '1' : `CASE ${whens.join(' ')} ELSE 1 END`;
  };
  const r = score('r');
  const f = score('f');
  const m = score('m');
  return {
    name: 'rfm_scores',
    comment: `6. RFM scores 1..${bins} on ${monetary === 'revenue' ? 'net revenue' : 'average order value'}. ${how.join('. ')}.`,
    sql: ['SELECT', '  c.*,', `  ${r} AS r_score,`, `  ${f} AS f_score,`, `  ${m} AS m_score`, 'FROM customer_metrics c'].join('\n'),
  };
}
