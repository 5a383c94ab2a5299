/**
 * Okabe and Ito's colour-blind-safe set ("Color Universal Design", 2002), black and the pale
 * yellow last: its eight colours stay apart with protanopia and deuteranopia as well as with
 * normal vision (test/unit/charts/category-palette.test.ts simulates both). Tableau 10, the
 * palette before, put its red and green within ΔE 1 of each other for a deuteranope.
 */
export const SAFE_COLOURS: readonly string[] = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000', '#f0e442'];
/** Past eight groups: Paul Tol's "muted" set, told apart from each other but not from every colour above by everyone, so groups past eight lean on the legend's names and counts too. */
const MORE_COLOURS: readonly string[] = ['#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#cc6677', '#882255', '#aa4499'];
const CATEGORY_COLOURS: readonly string[] = [...SAFE_COLOURS, ...MORE_COLOURS];
/** The colour of a catch-all group ("Other"): grey, so it reads as "none of the above". */
export const OTHER_COLOUR = '#c8c8c8';

/**
 * Colours for unordered groups (RFM segments, clusters): the colour-blind-safe eight, continued
 * by Tol's muted set past eight groups and cycled past seventeen. Colour is never the only
 * channel: every chart names its groups and gives their counts in text. Index i is the colour
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
