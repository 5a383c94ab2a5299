import { schemeDark2, schemeTableau10 } from 'd3';

/** Tableau 10 without its grey, then Dark 2: 17 distinct colours before any repeats. */
const CATEGORY_COLOURS: readonly string[] = [...schemeTableau10.filter((c) => c !== '#bab0ac'), ...schemeDark2];
/** The colour of a catch-all group ("Other"): grey, so it reads as "none of the above". */
export const OTHER_COLOUR = '#bab0ac';

/**
 * Colours for unordered groups (RFM segments, clusters): Tableau 10, made to tell categories
 * apart, continued by Dark 2 past nine groups and cycled past seventeen. Index i is the colour
 * of group i + 1. Names equal to `otherName` get grey.
 */
export function categoryPalette(names: readonly string[], otherName?: string): string[] {
  let next = 0;
  return names.map((name) => (name === otherName ? OTHER_COLOUR : CATEGORY_COLOURS[next++ % CATEGORY_COLOURS.length]));
}

/** 0-based codes as the 1-based groups the scatter paints (0 there means "not painted"). */
export function oneBased(codes: Uint8Array): Uint8Array {
  const groups = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) groups[i] = codes[i] + 1;
  return groups;
}
