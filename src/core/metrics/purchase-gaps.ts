import { medianOfSorted } from '../segments/median.ts';

/** Per-customer purchase rhythm, indexed by customer-table row. */
export interface PurchaseGaps {
  /** Distinct days with a purchase line. */
  purchaseDays: Uint32Array;
  /** Mean days between consecutive distinct purchase days; NaN with fewer than 2 such days. */
  meanGapDays: Float64Array;
  /** Median of the same gaps; NaN with fewer than 2 purchase days. */
  medianGapDays: Float64Array;
}

/**
 * Gaps between consecutive distinct purchase days of each customer. Several orders on one day
 * count as one purchase day, so no gap is 0: a customer whose invoices are split over the day
 * still has their real rhythm rather than a cycle of zero days.
 *
 * `days` holds each row's purchase-line days in the segment `start[r] .. start[r + 1] - 1`
 * (see {@link groupPurchaseLines}); it is used as scratch space and left scrambled: each segment
 * is sorted in place, then overwritten by its gaps, then the gaps are sorted for the median.
 */
export function purchaseGaps(start: Int32Array, days: Int32Array): PurchaseGaps {
  const n = start.length - 1;
  const purchaseDays = new Uint32Array(n);
  const meanGapDays = new Float64Array(n).fill(NaN);
  const medianGapDays = new Float64Array(n).fill(NaN);
  for (let r = 0; r < n; r++) {
    const s = start[r];
    const e = start[r + 1];
    if (e - s < 2) {
      purchaseDays[r] = e - s;
      continue;
    }
    days.subarray(s, e).sort();
    // Gap j overwrites entry s + j, which the loop has already read (it reads k > s + j).
    const first = days[s];
    let prev = first;
    let gaps = 0;
    for (let k = s + 1; k < e; k++) {
      const d = days[k];
      if (d !== prev) {
        days[s + gaps++] = d - prev;
        prev = d;
      }
    }
    purchaseDays[r] = gaps + 1;
    if (gaps === 0) continue;
    // The gaps add up to last − first.
    meanGapDays[r] = (prev - first) / gaps;
    days.subarray(s, s + gaps).sort();
    medianGapDays[r] = medianOfSorted(days, s, s + gaps);
  }
  return { purchaseDays, meanGapDays, medianGapDays };
}
