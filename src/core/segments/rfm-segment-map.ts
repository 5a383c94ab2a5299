import { countCodes, type SegmentAssignment } from './segment-assignment.ts';

/**
 * One row of a segment map: customers whose R and F scores, placed on the 1..5 grid (see
 * {@link gridScore}), fall in both inclusive ranges belong to `name`. Several rules may share a
 * name to draw a segment that is not a rectangle.
 */
export interface SegmentRule {
  name: string;
  rMin: number;
  rMax: number;
  fMin: number;
  fMax: number;
}

/** Segment rules are written on a 1..5 grid, whatever number of score bins the analysis uses. */
export const SEGMENT_GRID = 5;

/** The segment of every R×F cell no rule covers. Always the last name of an assignment. */
export const OTHER_SEGMENT = 'Other';

/** Named segments fit a Uint8Array code with room for "Other". */
const MAX_SEGMENTS = 254;
const MAX_RULES = 1000;
const RULE_KEYS = new Set(['name', 'rMin', 'rMax', 'fMin', 'fMax']);
const BOUNDS = ['rMin', 'rMax', 'fMin', 'fMax'] as const;

/**
 * Places a score 1..bins on the 1..5 grid the rules are written on: the score stands for the
 * quantile range `((s - 1) / bins, s / bins]`, and it goes to the grid fifth that holds the middle
 * of that range, `floor(5 * (s - 0.5) / bins) + 1`. The middle never falls on a fifth's edge, and
 * the lowest and highest scores always reach grid 1 and 5.
 *
 * 5 bins: identity. 10 bins: 1,1,2,2,3,3,4,4,5,5. 4 bins: 1,2,4,5. 3 bins: 1,3,5. With fewer
 * than 5 bins some grid rows are never reached, so small segments drawn only there (Need
 * attention at R = 3 with 4 bins, Promising at R = 4 with 3 bins) have no customers;
 * {@link segmentGrid} shows which.
 */
export function gridScore(score: number, bins: number): number {
  return Math.floor((SEGMENT_GRID * (score - 0.5)) / bins) + 1;
}

/**
 * Problems with a rules table, in words for the segment-map editor; empty when usable. Accepts
 * untrusted input (whatever the editor or a caller hands in): checks it is a list of objects with exactly
 * the fields name, rMin, rMax, fMin, fMax; a non-empty name other than "Other"; bounds that are
 * integers 1..5 with min ≤ max; at most 254 distinct names.
 */
export function validateSegmentRules(rules: unknown): string[] {
  if (!Array.isArray(rules)) return ['The segment rules must be a list.'];
  if (rules.length > MAX_RULES) return [`At most ${MAX_RULES} segment rules, got ${rules.length}.`];
  const problems: string[] = [];
  const names = new Set<string>();
  rules.forEach((rule: unknown, i) => {
    const where = `Rule ${i + 1}`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
      problems.push(`${where} is not an object with a name and score ranges.`);
      return;
    }
    const r = rule as Record<string, unknown>;
    const label = typeof r.name === 'string' && r.name !== '' ? `${where} ("${r.name}")` : where;
    for (const key of Object.keys(r)) if (!RULE_KEYS.has(key)) problems.push(`${label} has an unknown field "${key}".`);
    if (typeof r.name !== 'string' || r.name.trim() === '') problems.push(`${where} needs a name.`);
    else if (r.name === OTHER_SEGMENT) problems.push(`${label}: the name "${OTHER_SEGMENT}" is kept for the cells no rule covers.`);
    else names.add(r.name);
    for (const key of BOUNDS) {
      const v = r[key];
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > SEGMENT_GRID) {
        problems.push(`${label}: ${key} must be a whole score from 1 to ${SEGMENT_GRID}, got ${typeof v === 'number' ? v : (JSON.stringify(v) ?? 'nothing')}.`);
      }
    }
    if (Number.isInteger(r.rMin) && Number.isInteger(r.rMax) && (r.rMin as number) > (r.rMax as number)) {
      problems.push(`${label}: the R range is empty (rMin ${r.rMin} is above rMax ${r.rMax}).`);
    }
    if (Number.isInteger(r.fMin) && Number.isInteger(r.fMax) && (r.fMin as number) > (r.fMax as number)) {
      problems.push(`${label}: the F range is empty (fMin ${r.fMin} is above fMax ${r.fMax}).`);
    }
  });
  if (names.size > MAX_SEGMENTS) problems.push(`At most ${MAX_SEGMENTS} segment names, got ${names.size}.`);
  return problems;
}

/** Which segment each R×F cell gets at a number of bins. */
export interface SegmentGrid {
  bins: number;
  /** Distinct rule names in first-appearance order, then "Other". */
  names: string[];
  /** Segment code of the cell with scores r and f at `(r - 1) * bins + (f - 1)`. */
  cells: Uint8Array;
}

/**
 * The R×F cell → segment table at `bins` score bins, for display and for {@link assignSegments}.
 * Each score is placed on the 1..5 grid with {@link gridScore}; the first rule whose ranges hold
 * both grid scores names the cell, and a cell no rule holds is "Other".
 *
 * @throws Error when the rules are invalid ({@link validateSegmentRules}) or bins is not 2..255.
 */
export function segmentGrid(rules: readonly SegmentRule[], bins: number): SegmentGrid {
  if (!Number.isInteger(bins) || bins < 2 || bins > 255) throw new Error(`segmentGrid: bins must be an integer 2..255, got ${bins}`);
  const problems = validateSegmentRules(rules);
  if (problems.length > 0) throw new Error(`segmentGrid: ${problems.join(' ')}`);
  const names: string[] = [];
  const codeOf = new Map<string, number>();
  for (const rule of rules) {
    if (!codeOf.has(rule.name)) {
      codeOf.set(rule.name, names.length);
      names.push(rule.name);
    }
  }
  const other = names.length;
  names.push(OTHER_SEGMENT);
  const cells = new Uint8Array(bins * bins).fill(other);
  for (let r = 1; r <= bins; r++) {
    const gr = gridScore(r, bins);
    for (let f = 1; f <= bins; f++) {
      const gf = gridScore(f, bins);
      const rule = rules.find((x) => gr >= x.rMin && gr <= x.rMax && gf >= x.fMin && gf <= x.fMax);
      if (rule) cells[(r - 1) * bins + (f - 1)] = codeOf.get(rule.name)!;
    }
  }
  return { bins, names, cells };
}

/**
 * Names each customer's segment from their R and F scores (1..bins, as from quantileScores).
 * Every customer gets exactly one code: a named segment or "Other" (the last name). A score
 * outside 1..bins (0 for "not scored") also goes to "Other".
 *
 * @throws Error when the rules are invalid or `r` and `f` differ in length.
 */
export function assignSegments(
  r: ArrayLike<number>,
  f: ArrayLike<number>,
  rules: readonly SegmentRule[],
  bins: number,
): SegmentAssignment {
  if (r.length !== f.length) throw new Error(`assignSegments: r has ${r.length} scores but f has ${f.length}`);
  const { names, cells } = segmentGrid(rules, bins);
  const other = names.length - 1;
  const codes = new Uint8Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const ri = r[i];
    const fi = f[i];
    const inRange = ri >= 1 && ri <= bins && fi >= 1 && fi <= bins && Number.isInteger(ri) && Number.isInteger(fi);
    codes[i] = inRange ? cells[(ri - 1) * bins + (fi - 1)] : other;
  }
  return { codes, names, counts: countCodes(codes, names.length) };
}
