/**
 * The characters a heading needs per line to fit on two: the longer line when its words are cut
 * into two lines as evenly as they go (a single word is one line of its own length).
 */
export function twoLineChars(label: string): number {
  const words = label.trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return 0;
  const total = words.reduce((n, w) => n + w.length, 0) + words.length - 1;
  let best = total;
  let first = -1;
  for (let k = 0; k < words.length - 1; k++) {
    first += words[k].length + 1;
    best = Math.min(best, Math.max(first, total - first - 1));
  }
  return best;
}

/**
 * A CSS width in which a heading of the table's font shows on two lines, with room for the padding
 * and a sort arrow: `ch` is the width of a digit, a little less than a bold letter on average.
 */
export function twoLineWidth(label: string, least: string): string {
  return `max(${least}, ${(twoLineChars(label) * 1.1).toFixed(1)}ch + 1.6rem)`;
}
