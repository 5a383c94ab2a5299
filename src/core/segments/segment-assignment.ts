/**
 * A segmentation of the customer table: one code per customer indexing `names`, and how many
 * customers carry each code. Every segmentation in the core (RFM segments, value bands,
 * lifecycle stages) has this shape, so profiles, cross tabs and the CSV export take any of them.
 */
export interface SegmentAssignment {
  /** Per customer, an index into `names`. */
  codes: Uint8Array;
  /** Segment names in display order. */
  names: string[];
  /** `counts[c]` customers have code `c`; the counts sum to the number of customers. */
  counts: number[];
}

/** Counts how many customers carry each code 0..k-1; codes outside that range are not counted. */
export function countCodes(codes: ArrayLike<number>, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && c < k) counts[c]++;
  }
  return counts;
}
