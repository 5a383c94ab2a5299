import type { SegmentRule } from './rfm-segment-map.ts';

/**
 * The classic named RFM segments over recency (R) and frequency (F) scores on the 1..5 grid,
 * first match wins. Together they cover all 25 cells, so with 5 bins nobody is "Other".
 *
 * ```
 *          F=1              F=2              F=3              F=4              F=5
 * R=5  New customers    Potential loyal. Potential loyal. Champions        Champions
 * R=4  Promising        Potential loyal. Potential loyal. Loyal customers  Loyal customers
 * R=3  About to sleep   About to sleep   Need attention   Loyal customers  Loyal customers
 * R=2  Hibernating      Hibernating      At risk          At risk          Can't lose them
 * R=1  Lost             Lost             At risk          At risk          Can't lose them
 * ```
 *
 * This is the widely copied R×F map written as the regular expressions
 * `[1-2][1-2] hibernating, [1-2][3-4] at_risk, [1-2]5 cant_loose, 3[1-2] about_to_sleep,
 * 33 need_attention, [3-4][4-5] loyal_customers, 41 promising, 51 new_customers,
 * [4-5][2-3] potential_loyalists, 5[4-5] champions` over the two-digit string "RF", copied into
 * many public RFM notebooks (one instance: github.com/SaadAbdElGhaffar/customer-segmentation-rfm-kmeans,
 * `utils/rfm_analysis.py`). Its regions do not overlap, so its order does not matter; ours is
 * best-first for reading. That map has no "Lost", which the brief and the `rfm` R package's
 * segment list (search.r-project.org/CRAN/refmans/rfm/html/rfm_segment.html) both name; we carve
 * it out of Hibernating as the oldest recency fifth (R = 1) with low frequency (F = 1..2), leaving
 * Hibernating R = 2, F = 1..2.
 */
export const CLASSIC_RFM_SEGMENTS: readonly SegmentRule[] = Object.freeze([
  { name: 'Champions', rMin: 5, rMax: 5, fMin: 4, fMax: 5 },
  { name: 'Loyal customers', rMin: 3, rMax: 4, fMin: 4, fMax: 5 },
  { name: 'Potential loyalists', rMin: 4, rMax: 5, fMin: 2, fMax: 3 },
  { name: 'New customers', rMin: 5, rMax: 5, fMin: 1, fMax: 1 },
  { name: 'Promising', rMin: 4, rMax: 4, fMin: 1, fMax: 1 },
  { name: 'Need attention', rMin: 3, rMax: 3, fMin: 3, fMax: 3 },
  { name: 'About to sleep', rMin: 3, rMax: 3, fMin: 1, fMax: 2 },
  { name: 'At risk', rMin: 1, rMax: 2, fMin: 3, fMax: 4 },
  { name: "Can't lose them", rMin: 1, rMax: 2, fMin: 5, fMax: 5 },
  { name: 'Hibernating', rMin: 2, rMax: 2, fMin: 1, fMax: 2 },
  { name: 'Lost', rMin: 1, rMax: 1, fMin: 1, fMax: 2 },
].map((rule) => Object.freeze(rule)));
