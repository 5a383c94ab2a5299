import { describe, expect, it } from 'vitest';
import { bandMethod, defaultSegmentSettings, validateSegmentSettings } from '../../../src/core/model/segment-settings.ts';
import { CLASSIC_RFM_SEGMENTS } from '../../../src/core/segments/classic-rfm-segments.ts';

describe('defaultSegmentSettings()', () => {
  it('is quintiles on net revenue to the default day, the classic map, 80/15 Pareto bands and no rule segments', () => {
    const s = defaultSegmentSettings();
    expect(s.rfm).toEqual({ bins: 5, monetary: 'revenue', analysisDay: null, cutPoints: { r: null, f: null, m: null } });
    expect(s.segmentRules).toEqual(CLASSIC_RFM_SEGMENTS);
    expect(bandMethod(s.valueBands)).toEqual({ method: 'pareto', highShare: 0.8, intermediateShare: 0.15 });
    expect(s.valueBands.names).toEqual(['High value', 'Intermediate value', 'Low value']);
    expect(s.ruleSegments).toEqual([]);
    expect(validateSegmentSettings(s)).toEqual([]);
  });

  it('returns a fresh copy each time (editing one does not touch the classic map)', () => {
    const a = defaultSegmentSettings();
    a.segmentRules[0].name = 'Stars';
    expect(defaultSegmentSettings().segmentRules[0].name).toBe('Champions');
    expect(CLASSIC_RFM_SEGMENTS[0].name).toBe('Champions');
  });
});

describe('bandMethod(settings)', () => {
  it('takes the figures of the chosen method only', () => {
    const v = defaultSegmentSettings().valueBands;
    expect(bandMethod({ ...v, method: 'quantile' })).toEqual({ method: 'quantile', highShare: 0.2, intermediateShare: 0.3 });
    expect(bandMethod({ ...v, method: 'amount', amount: { high: 500, intermediate: 50 } })).toEqual({ method: 'amount', high: 500, intermediate: 50 });
  });
});

describe('validateSegmentSettings(settings, catalog)', () => {
  it('keeps the number of scores to 3..10 and typed thresholds to bins - 1 ascending numbers', () => {
    const s = defaultSegmentSettings();
    s.rfm.bins = 11;
    expect(validateSegmentSettings(s)).toEqual([{ part: 'rfm', message: 'The number of scores must be a whole number from 3 to 10, got 11.' }]);
    s.rfm.bins = 4;
    s.rfm.cutPoints.f = [2, 5];
    s.rfm.cutPoints.r = [30, 20, 90];
    expect(validateSegmentSettings(s).map((p) => p.message)).toEqual([
      'Recency thresholds: Cut points must go up: cut point 2 (20) is not larger than cut point 1 (30).',
      'Frequency thresholds: 4 scores need 3 cut points, got 2.',
    ]);
  });

  it('reports band, name, lifecycle and segment rule problems by part', () => {
    const s = defaultSegmentSettings();
    s.valueBands.pareto = { high: 0.9, intermediate: 0.2 };
    s.valueBands.names = ['Top', 'Top', ' '];
    s.lifecycle.lapsedDays = 10;
    s.segmentRules[0].rMax = 6;
    const parts = validateSegmentSettings(s).map((p) => p.part);
    expect(parts.filter((p) => p === 'valueBands')).toHaveLength(3);
    expect(parts).toContain('lifecycle');
    expect(parts).toContain('segmentRules');
  });

  it('checks rule segments one by one, with their index: names unique and not empty, rules readable and on known fields', () => {
    const s = defaultSegmentSettings();
    s.ruleSegments = [
      { name: 'Big', rule: { field: 'frequency', op: 'ge', value: 2 } },
      { name: 'big', rule: { all: [] } },
      { name: '', rule: { field: 'nope', op: 'eq', value: 1 } },
    ];
    const problems = validateSegmentSettings(s, { frequency: { kind: 'number', label: 'Orders' } });
    expect(problems.every((p) => p.part === 'ruleSegments')).toBe(true);
    expect(problems.filter((p) => p.index === 0)).toEqual([]);
    expect(problems.filter((p) => p.index === 1).map((p) => p.message)).toEqual(['There are two rule segments called "big".', 'big: The rule is empty: add a condition or remove it.']);
    expect(problems.filter((p) => p.index === 2).map((p) => p.message)).toEqual(['Rule segment 3 needs a name.', 'Rule segment 3: The condition: unknown field "nope".']);
  });
});
