/**
 * How exports write a missing value, as R, pandas, Excel and many BI tools do. An empty cell is
 * always missing, whatever the list says.
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ['NA', 'N/A', '#N/A', 'null', 'NULL', 'None', 'NaN', '-'];

/**
 * Recognises the missing-value markers in cells, by their bytes: a cell is missing when it is
 * empty or, once trimmed, equal (case and all) to one of the markers. A cell longer than the
 * longest marker is told apart by its length alone, which is what almost every id costs.
 */
export class MissingMarkers {
  private readonly markers: Uint8Array[];
  private readonly longest: number;

  constructor(markers: readonly string[] = DEFAULT_MISSING_MARKERS) {
    this.markers = markers.map((m) => m.trim()).filter((m) => m.length > 0).map(utf8);
    this.longest = this.markers.reduce((n, m) => Math.max(n, m.length), 0);
  }

  /** True when bytes [s, e) (already trimmed) are empty or one of the markers. */
  has(b: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    if (n === 0) return true;
    if (n > this.longest) return false;
    for (const m of this.markers) {
      if (m.length !== n) continue;
      let k = 0;
      while (k < n && b[s + k] === m[k]) k++;
      if (k === n) return true;
    }
    return false;
  }
}

/** UTF-8 bytes of a string (the core has no TextEncoder). */
function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
