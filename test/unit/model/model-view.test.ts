import { describe, expect, it } from 'vitest';
import { segmentModelView } from '../../../src/core/model/model-view.ts';
import { buildSegmentModel } from '../../../src/core/model/segment-model.ts';
import { prepareCustomers } from '../../../src/core/model/prepare-customers.ts';
import { defaultSegmentSettings } from '../../../src/core/model/segment-settings.ts';
import { randomShop } from './fixture.ts';

describe('segmentModelView(model)', () => {
  const shop = randomShop(150);
  const settings = defaultSegmentSettings();
  settings.rfm.bins = 4;
  settings.ruleSegments = [{ name: 'Repeat', rule: { field: 'frequency', op: 'ge', value: 2 } }, { name: 'Bad', rule: { field: 'nope', op: 'empty' } }];
  const model = buildSegmentModel(prepareCustomers(shop.table, shop.metrics), settings);
  const { view, transfer } = segmentModelView(model);

  it('copies the per-customer arrays (the worker keeps its own) and lists their buffers to transfer', () => {
    expect(view.recency).toEqual(model.recency);
    expect(view.recency).not.toBe(model.recency);
    expect(view.r).toEqual(model.scores.r);
    expect(view.rfm.codes).toEqual(model.segment.codes);
    expect(view.rules[0].mask).toEqual(model.rules[0].mask);
    expect(view.rules[1].mask).toBeNull();
    expect(view.pareto.steps).toEqual(model.prepared.paretoSteps);
    expect(view.pareto.steps).not.toBe(model.prepared.paretoSteps);
    expect(transfer).toHaveLength(9);
    expect(transfer).toContain(view.rules[0].mask!.buffer);
    expect(transfer).toContain(view.pareto.steps.buffer);
    expect(new Set(transfer).size).toBe(9);
  });

  it('gives the grid with the customers of each cell, and sizes and revenue of each segmentation', () => {
    expect(view.bins).toBe(4);
    expect(view.grid.cells).toEqual(Array.from(model.grid.cells));
    expect(view.grid.counts).toHaveLength(16);
    expect(view.grid.counts.reduce((a, b) => a + b, 0)).toBe(150);
    // Cell counts add up to the segment counts.
    const bySegment = new Array(view.rfm.names.length).fill(0);
    view.grid.counts.forEach((c, cell) => (bySegment[view.grid.cells[cell]] += c));
    expect(bySegment).toEqual(view.rfm.counts);
    const total = view.rfm.revenue.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(view.revenue, 6);
    expect(view.band.revenue).toEqual(model.bands.revenue.map((x) => expect.closeTo(x, 6)));
    expect(view.buyer.counts.reduce((a, b) => a + b, 0)).toBe(150);
    expect(view.pareto.customerShare.at(-1)).toBe(1);
    expect(view.choices.map((c) => c.key)).toContain('rule:0');
    expect(view.choices.map((c) => c.key)).not.toContain('rule:1');
  });

  it('posts: a structured clone of the view keeps every part', () => {
    expect(structuredClone(view)).toEqual(view);
  });
});
