import { DEFAULT_CLV_SETTINGS, defaultSegmentSettings, type SessionSettings } from '../../../src/core/index.ts';

/** Settings as the app makes them after an analyst changed a few things. */
export function sampleSettings(): SessionSettings {
  const segment = defaultSegmentSettings();
  segment.rfm.bins = 4;
  segment.valueBands.names = ['Gold', 'Silver', 'Bronze'];
  segment.ruleSegments.push({ name: 'Big spenders', rule: { field: 'monetary', op: 'gt', value: 1000 } });
  return {
    version: 1,
    segment,
    clustering: {
      features: [
        { feature: 'recency', use: true, log: true },
        { feature: 'frequency', use: true, log: true },
        { feature: 'monetary', use: false, log: true },
      ],
      scaling: 'robust',
      k: 5,
      seed: 7,
      names: ['Loyal', 'Lost'],
    },
    lifetimeValue: structuredClone(DEFAULT_CLV_SETTINGS),
    view: { x: 'frequency', y: 'monetary', xScale: 'log', yScale: 'log', jitter: false, colour: 'segment', hidden: [2], zoom: { k: 2, x: -10, y: 5 }, lasso: true, histogram: 'recency', histogramScale: 'linear' },
    read: { mapping: { customer: 0, date: 1, order: 2, amount: 3, quantity: null, price: null, product: null, category: null, channel: null }, cleaning: { returns: 'exclude' }, dateReading: 'day-first', missingMarkers: ['NA'], analysisDay: 15000, sheet: 'Sales' },
    file: { name: 'sales.csv', bytes: 1234, columns: ['id', 'date', 'order', 'amount'], rows: 40, hash: 'ab'.repeat(32) },
  };
}
