import type { CrossTab } from '../segments/cross-tab.ts';

/** The classic RFM segment most of a cluster's customers belong to. */
export interface NearestSegment {
  /** Index into the cross tab's columns; -1 for an empty cluster. */
  segment: number;
  /** The segment's name; '' for an empty cluster. */
  name: string;
  /** Of the cluster's customers, the share in that segment (0..1). */
  share: number;
}

/**
 * For each row (cluster) of a clusters × segments cross tab, the most common column (segment)
 * among its customers: the segment a cluster is closest to in RFM terms. A tie goes to the
 * segment listed first (the segment map lists them best first).
 */
export function nearestSegments(table: CrossTab): NearestSegment[] {
  return table.counts.map((row, r) => {
    let best = -1;
    for (let c = 0; c < row.length; c++) if (row[c] > 0 && (best < 0 || row[c] > row[best])) best = c;
    const total = table.rowTotals[r];
    return best < 0 ? { segment: -1, name: '', share: 0 } : { segment: best, name: table.columns[best], share: row[best] / total };
  });
}
