import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/index.ts';
import { CLASSIC_RFM_SEGMENTS } from '../../../src/core/segments/classic-rfm-segments.ts';
import {
  assignSegments,
  gridScore,
  OTHER_SEGMENT,
  segmentGrid,
  validateSegmentRules,
  type SegmentRule,
} from '../../../src/core/segments/rfm-segment-map.ts';


describe('gridScore(score, bins)', () => {
  it('places each score on the 1..5 grid by the middle of its quantile range', () => {
    const map = (bins: number) => Array.from({ length: bins }, (_, s) => gridScore(s + 1, bins));
    expect(map(5)).toEqual([1, 2, 3, 4, 5]);
    expect(map(10)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(map(4)).toEqual([1, 2, 4, 5]); // middles 12.5%, 37.5%, 62.5%, 87.5%
    expect(map(3)).toEqual([1, 3, 5]); // middles 16.7%, 50%, 83.3%
    expect(map(7)).toEqual([1, 2, 2, 3, 4, 4, 5]);
  });
});

describe('assignSegments(r, f, rules, bins)', () => {
  it('gives each customer the segment of their R×F cell, with counts per segment', () => {
    // (5,5) Champions, (1,1) Lost, (3,3) Need attention, (5,4) Champions, (0,2): unscored → Other.
    const result = assignSegments(Uint8Array.of(5, 1, 3, 5, 0), Uint8Array.of(5, 1, 3, 4, 2), CLASSIC_RFM_SEGMENTS, 5);
    expect(Array.from(result.codes).map((c) => result.names[c])).toEqual(['Champions', 'Lost', 'Need attention', 'Champions', 'Other']);
    const count = (name: string) => result.counts[result.names.indexOf(name)];
    expect([count('Champions'), count('Lost'), count('Need attention'), count('Other'), count('Promising')]).toEqual([2, 1, 1, 1, 0]);
  });

  it('maps 10-bin scores through the grid: R 9–10 and F 7–10 are Champions', () => {
    // gridScore(9 or 10, 10) = 5; gridScore(7 or 8, 10) = 4. R 8 → grid 4 → Loyal customers.
    const result = assignSegments(Uint8Array.of(10, 9, 8), Uint8Array.of(7, 10, 10), CLASSIC_RFM_SEGMENTS, 10);
    expect(Array.from(result.codes).map((c) => result.names[c])).toEqual(['Champions', 'Champions', 'Loyal customers']);
  });

  it('sends cells no rule covers to an explicit Other', () => {
    const rules = [{ name: 'Best', rMin: 4, rMax: 5, fMin: 4, fMax: 5 }];
    const result = assignSegments(Uint8Array.of(5, 1, 4), Uint8Array.of(5, 5, 3), rules, 5);
    expect(result.names).toEqual(['Best', OTHER_SEGMENT]);
    expect(Array.from(result.codes)).toEqual([0, 1, 1]);
    expect(result.counts).toEqual([1, 2]);
  });

  it('lets the first matching rule win where rules overlap', () => {
    const rules = [
      { name: 'Top', rMin: 5, rMax: 5, fMin: 5, fMax: 5 },
      { name: 'Good', rMin: 4, rMax: 5, fMin: 4, fMax: 5 },
    ];
    const result = assignSegments(Uint8Array.of(5, 5), Uint8Array.of(5, 4), rules, 5);
    expect(Array.from(result.codes).map((c) => result.names[c])).toEqual(['Top', 'Good']);
  });

  it('merges rules that share a name into one segment', () => {
    const rules = [
      { name: 'Edges', rMin: 1, rMax: 1, fMin: 1, fMax: 5 },
      { name: 'Middle', rMin: 3, rMax: 3, fMin: 1, fMax: 5 },
      { name: 'Edges', rMin: 5, rMax: 5, fMin: 1, fMax: 5 },
    ];
    const result = assignSegments(Uint8Array.of(1, 3, 5, 2), Uint8Array.of(1, 1, 1, 1), rules, 5);
    expect(result.names).toEqual(['Edges', 'Middle', 'Other']);
    expect(result.counts).toEqual([2, 1, 1]);
  });

  it('refuses an invalid rules table with every problem listed', () => {
    const rules = [{ name: 'X', rMin: 4, rMax: 2, fMin: 1, fMax: 5 }];
    expect(() => assignSegments(Uint8Array.of(1), Uint8Array.of(1), rules, 5)).toThrow('the R range is empty (rMin 4 is above rMax 2)');
  });

  it('refuses r and f of different lengths', () => {
    expect(() => assignSegments(Uint8Array.of(1, 2), Uint8Array.of(1), CLASSIC_RFM_SEGMENTS, 5)).toThrow('r has 2 scores but f has 1');
  });

  it('puts every customer in exactly one segment for random score grids and rule tables', () => {
    const random = seededRandom(7);
    const pool = ['A', 'B', 'C', 'D', 'E'];
    const pick = () => 1 + Math.floor(random() * 5);
    for (let trial = 0; trial < 300; trial++) {
      const bins = 2 + Math.floor(random() * 9);
      const rules: SegmentRule[] = Array.from({ length: Math.floor(random() * 8) }, () => {
        const [r1, r2, f1, f2] = [pick(), pick(), pick(), pick()];
        return { name: pool[Math.floor(random() * pool.length)], rMin: Math.min(r1, r2), rMax: Math.max(r1, r2), fMin: Math.min(f1, f2), fMax: Math.max(f1, f2) };
      });
      const n = Math.floor(random() * 200);
      // Scores 0..bins+1: the two out-of-range values must land in Other too.
      const r = Uint8Array.from({ length: n }, () => Math.floor(random() * (bins + 2)));
      const f = Uint8Array.from({ length: n }, () => Math.floor(random() * (bins + 2)));
      const { codes, names, counts } = assignSegments(r, f, rules, bins);

      expect(names[names.length - 1]).toBe(OTHER_SEGMENT);
      expect(new Set(names).size).toBe(names.length);
      expect(counts.reduce((s, c) => s + c, 0)).toBe(n);
      for (let i = 0; i < n; i++) {
        const inRange = r[i] >= 1 && r[i] <= bins && f[i] >= 1 && f[i] <= bins;
        const gr = gridScore(r[i], bins);
        const gf = gridScore(f[i], bins);
        const rule = inRange ? rules.find((x) => gr >= x.rMin && gr <= x.rMax && gf >= x.fMin && gf <= x.fMax) : undefined;
        expect(names[codes[i]]).toBe(rule ? rule.name : OTHER_SEGMENT);
      }
      for (let c = 0; c < names.length; c++) expect(counts[c]).toBe(codes.filter((x) => x === c).length);
    }
  });
});

describe('validateSegmentRules(rules)', () => {
  it('reports unknown fields, empty ranges, scores off the grid and missing names', () => {
    expect(validateSegmentRules([
      { name: 'A', rmin: 1, rMin: 1, rMax: 2, fMin: 1, fMax: 5 },
      { name: 'B', rMin: 1, rMax: 2, fMin: 5, fMax: 3 },
      { name: 'C', rMin: 0, rMax: 6, fMin: 2.5, fMax: 3 },
      { rMin: 1, rMax: 1, fMin: 1, fMax: 1 },
      { name: 'Other', rMin: 1, rMax: 1, fMin: 1, fMax: 1 },
    ])).toEqual([
      'Rule 1 ("A") has an unknown field "rmin".',
      'Rule 2 ("B"): the F range is empty (fMin 5 is above fMax 3).',
      'Rule 3 ("C"): rMin must be a whole score from 1 to 5, got 0.',
      'Rule 3 ("C"): rMax must be a whole score from 1 to 5, got 6.',
      'Rule 3 ("C"): fMin must be a whole score from 1 to 5, got 2.5.',
      'Rule 4 needs a name.',
      'Rule 5 ("Other"): the name "Other" is kept for the cells no rule covers.',
    ]);
  });

  it('reports input that is not a list of rule objects', () => {
    expect(validateSegmentRules({ name: 'A' })).toEqual(['The segment rules must be a list.']);
    expect(validateSegmentRules([null, 'x'])).toEqual([
      'Rule 1 is not an object with a name and score ranges.',
      'Rule 2 is not an object with a name and score ranges.',
    ]);
    expect(validateSegmentRules([{ name: 'A', rMin: '1', rMax: 1, fMin: 1, fMax: 1 }])).toEqual([
      'Rule 1 ("A"): rMin must be a whole score from 1 to 5, got "1".',
    ]);
  });

  it('accepts an empty table: everyone is Other', () => {
    expect(validateSegmentRules([])).toEqual([]);
    expect(assignSegments(Uint8Array.of(1, 2), Uint8Array.of(3, 4), [], 5).counts).toEqual([2]);
  });
});
