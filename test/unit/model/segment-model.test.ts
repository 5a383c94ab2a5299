import { describe, expect, it } from 'vitest';
import { buildSegmentModel } from '../../../src/core/model/segment-model.ts';
import { prepareCustomers } from '../../../src/core/model/prepare-customers.ts';
import { defaultSegmentSettings, type RuleSegment, type SegmentSettings } from '../../../src/core/model/segment-settings.ts';
import { quantileScores } from '../../../src/core/rfm/quantile-scores.ts';
import { scoreByThresholds } from '../../../src/core/rfm/score-by-thresholds.ts';
import { evaluateRule } from '../../../src/core/rules/evaluate-rule.ts';
import { lifecycle } from '../../../src/core/segments/lifecycle.ts';
import { scoreAndSegment } from '../../../src/core/segments/score-and-segment.ts';
import { valueBands } from '../../../src/core/segments/value-bands.ts';
import { randomShop } from './fixture.ts';

const shop = randomShop(400);
const prepared = prepareCustomers(shop.table, shop.metrics);
const day = shop.metrics.metrics.analysisDay;

function settings(change: (s: SegmentSettings) => void = () => {}): SegmentSettings {
  const s = defaultSegmentSettings();
  change(s);
  return s;
}

describe('buildSegmentModel(prepared, settings)', () => {
  it('scores and segments exactly as scoreAndSegment for every number of bins from 3 to 10', () => {
    for (let bins = 3; bins <= 10; bins++) {
      const model = buildSegmentModel(prepared, settings((s) => (s.rfm.bins = bins)));
      const reference = scoreAndSegment(shop.table, { bins, analysisDay: day });
      expect(model.analysisDay).toBe(day);
      expect(model.recency).toEqual(reference.recency);
      expect(model.scores).toEqual({ r: reference.r, f: reference.f, m: reference.m });
      expect(model.segment.codes).toEqual(reference.segment.codes);
      expect(model.segment.counts.reduce((a, b) => a + b, 0)).toBe(shop.table.n);
      expect(model.scoreBins.f.map((b) => b.count).reduce((a, b) => a + b, 0)).toBe(shop.table.n);
    }
  });

  it('measures recency to a typed analysis day, and days overdue with it', () => {
    const later = day + 30;
    const model = buildSegmentModel(prepared, settings((s) => (s.rfm.analysisDay = later)));
    expect(model.analysisDay).toBe(later);
    expect(model.recency).toEqual(scoreAndSegment(shop.table, { bins: 5, analysisDay: later }).recency);
    const atDefault = buildSegmentModel(prepared, settings());
    expect(atDefault.daysOverdue).toEqual(shop.metrics.metrics.daysOverdue);
    for (let i = 0; i < shop.table.n; i++) {
      const d = shop.metrics.metrics.daysOverdue[i];
      if (Number.isNaN(d)) expect(model.daysOverdue[i]).toBeNaN();
      else expect(model.daysOverdue[i]).toBe(d + 30);
    }
  });

  it('ranks the M score on average order value when asked', () => {
    const model = buildSegmentModel(prepared, settings((s) => (s.rfm.monetary = 'averageOrderValue')));
    expect(model.scores.m).toEqual(quantileScores(shop.metrics.metrics.averageOrderValue, 5));
    expect(model.scoreBins.m[4].min).toBeGreaterThan(model.scoreBins.m[0].max);
  });

  it('scores a dimension by typed thresholds, leaving the others on quantiles', () => {
    const model = buildSegmentModel(prepared, settings((s) => {
      s.rfm.bins = 4;
      s.rfm.cutPoints.r = [30, 90, 180];
      s.rfm.cutPoints.f = [2, 4, 8];
    }));
    expect(model.scores.r).toEqual(scoreByThresholds(model.recency, [30, 90, 180], false, 4));
    expect(model.scores.f).toEqual(scoreByThresholds(shop.table.frequency, [2, 4, 8], true, 4));
    expect(model.scores.m).toEqual(quantileScores(shop.table.monetary, 4));
    // Score 1 of F: fewer than 2 orders.
    expect(model.scoreBins.f[0].max).toBe(1);
    // Score 4 of R: 30 days or less, a customer at exactly 30 days included; score 3 above 30.
    expect(model.scoreBins.r[3].max).toBeLessThanOrEqual(30);
    expect(model.scoreBins.r[2].min).toBeGreaterThan(30);
  });

  it('makes the value bands and lifecycle stages of the core functions, with the analyst\'s names and thresholds', () => {
    const model = buildSegmentModel(prepared, settings((s) => {
      s.valueBands.method = 'quantile';
      s.valueBands.names = ['Gold', 'Silver', 'Bronze'];
      s.lifecycle.newDays = 60;
    }));
    expect(model.bands).toEqual(valueBands(shop.table.monetary, { method: 'quantile', highShare: 0.2, intermediateShare: 0.3 }, ['Gold', 'Silver', 'Bronze']));
    const m = shop.metrics.metrics;
    expect(model.lifecycle).toEqual(lifecycle({ firstDay: shop.table.firstDay, lastDay: shop.table.lastDay, orders: shop.table.frequency, purchaseDays: m.purchaseDays, medianGap: m.medianGapDays }, day, { ...defaultSegmentSettings().lifecycle, newDays: 60 }));
  });

  it('evaluates every rule segment on metrics, scores, segments and text metrics, and reports one it cannot', () => {
    const model = buildSegmentModel(prepared, settings((s) => {
      s.ruleSegments = [
        { name: 'Loyal web buyers', rule: { all: [{ field: 'frequency', op: 'ge', value: 2 }, { field: 'preferredChannel', op: 'eq', value: 'web' }] } },
        { name: 'Top or lost', rule: { any: [{ field: 'mScore', op: 'eq', value: 5 }, { field: 'rfmSegment', op: 'in', values: ['Lost'] }] } },
        { name: 'Broken', rule: { field: 'attribute:Country', op: 'eq', value: 'DE' } },
      ];
    }));
    const [loyal, topOrLost, broken] = model.rules;
    const channel = shop.metrics.metrics.preferredChannel;
    let expected = 0;
    for (let i = 0; i < shop.table.n; i++) if (shop.table.frequency[i] >= 2 && channel[i] === 0) expected++;
    expect(loyal.count).toBe(expected);
    expect(loyal.mask).toEqual(evaluateRule((model.settings.ruleSegments[0] as RuleSegment).rule, model.columns));
    const lost = model.segment.names.indexOf('Lost');
    let either = 0;
    let revenue = 0;
    for (let i = 0; i < shop.table.n; i++) {
      if (model.scores.m[i] === 5 || model.segment.codes[i] === lost) {
        either++;
        revenue += shop.table.monetary[i];
      }
    }
    expect(topOrLost.count).toBe(either);
    expect(topOrLost.revenue).toBeCloseTo(revenue, 6);
    expect(broken).toEqual({ name: 'Broken', mask: null, count: 0, revenue: 0, problems: ['The condition: unknown field "attribute:Country".'], list: false });
  });

  it('holds a fixed list of customers by id: exactly those in the file, ids it lacks ignored, marked as a list', () => {
    const ids = shop.table.ids;
    const chosen = [ids[3], ids[17], ids[250], ids[399]];
    const model = buildSegmentModel(prepared, settings((s) => {
      s.ruleSegments = [
        { name: 'Lassoed', customers: [...chosen, 'not-a-customer'] },
        { name: 'Rule', rule: { field: 'frequency', op: 'ge', value: 1 } },
      ];
    }));
    const [list, rule] = model.rules;
    expect(list.list).toBe(true);
    expect(rule.list).toBe(false);
    expect(list.count).toBe(chosen.length);
    expect([...list.mask!].flatMap((v, i) => (v ? [ids[i]] : []))).toEqual(chosen);
    let revenue = 0;
    for (const id of chosen) revenue += shop.table.monetary[ids.indexOf(id)];
    expect(list.revenue).toBeCloseTo(revenue, 6);
    expect(list.problems).toEqual([]);
  });

  it('takes over from the previous model every stage whose settings did not change', () => {
    const first = buildSegmentModel(prepared, settings());
    const bins4 = buildSegmentModel(prepared, settings((s) => (s.rfm.bins = 4)), null, first);
    expect(bins4.recency).toBe(first.recency);
    expect(bins4.bands).toBe(first.bands);
    expect(bins4.lifecycle).toBe(first.lifecycle);
    expect(bins4.scores.r).not.toBe(first.scores.r);
    const bands = buildSegmentModel(prepared, settings((s) => { s.rfm.bins = 4; s.valueBands.method = 'quantile'; }), null, bins4);
    expect(bands.scores).toBe(bins4.scores);
    expect(bands.segment).toBe(bins4.segment);
    expect(bands.bands).not.toBe(bins4.bands);
    const moved = buildSegmentModel(prepared, settings((s) => { s.rfm.bins = 4; s.valueBands.method = 'quantile'; s.rfm.analysisDay = day + 1; }), null, bands);
    expect(moved.recency).not.toBe(bands.recency);
    expect(moved.lifecycle).not.toBe(bands.lifecycle);
    // Another table: nothing is taken over.
    const other = buildSegmentModel(prepareCustomers(shop.table, shop.metrics), settings(), null, first);
    expect(other.recency).not.toBe(first.recency);
    expect(other.recency).toEqual(first.recency);
  });

  it('refuses settings that cannot be used (the worker validates first)', () => {
    expect(() => buildSegmentModel(prepared, settings((s) => (s.rfm.bins = 2)))).toThrow(/number of scores must be a whole number from 3 to 10/);
  });
});
