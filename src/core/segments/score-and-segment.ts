import { scoreRfm, type RfmScores, type RfmSettings } from '../rfm/score-rfm.ts';
import type { CustomerTable } from '../types.ts';
import { CLASSIC_RFM_SEGMENTS } from './classic-rfm-segments.ts';
import { assignSegments, type SegmentRule } from './rfm-segment-map.ts';
import type { SegmentAssignment } from './segment-assignment.ts';

/** RFM scores with the named segment every customer falls in. */
export interface ScoredCustomers extends RfmScores {
  /** From the R and F scores through a segment map (the classic one unless told). */
  segment: SegmentAssignment;
}

/**
 * Scores every customer (see {@link scoreRfm}) and names their RFM segment from the R and F
 * scores with `rules` (default {@link CLASSIC_RFM_SEGMENTS}), in one call, so the worker that
 * holds the customer table hands the main thread ready codes for 250k customers.
 */
export function scoreAndSegment(customers: CustomerTable, settings: RfmSettings, rules: readonly SegmentRule[] = CLASSIC_RFM_SEGMENTS): ScoredCustomers {
  const scores = scoreRfm(customers, settings);
  return { ...scores, segment: assignSegments(scores.r, scores.f, rules, settings.bins) };
}
