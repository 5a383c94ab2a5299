import { defaultSegmentSettings } from '../../../src/core/model/segment-settings.ts';
import type { Rule } from '../../../src/core/rules/rule-types.ts';
import type { SegmentationSqlInput } from '../../../src/core/sql/sql-input.ts';
import type { SqlDialectName } from '../../../src/core/sql/sql-dialect.ts';

/**
 * A fixed analysis to write scripts from: Online Retail's columns, the default cleaning for a
 * file with a product column, quintiles with the app's cut points, rule segments with OR groups,
 * three clusters, lifetime value fitted. Figures are made up but shaped like the app's.
 */
export function goldenInput(dialect: SqlDialectName, thresholds: 'fixed' | 'recomputed'): SegmentationSqlInput {
  const settings = defaultSegmentSettings();
  const big: Rule = { any: [{ field: 'monetary', op: 'ge', value: 1000 }, { field: 'frequency', op: 'gt', value: 3 }] };
  const regulars: Rule = { all: [{ field: 'lifecycle', op: 'in', values: ['Active', 'At risk'] }, { field: 'medianGapDays', op: 'notEmpty' }] };
  settings.ruleSegments = [
    { name: 'Big or frequent', rule: big },
    { name: "Shop's \"regulars\"", rule: regulars },
    { name: 'Called last week', customers: ['12347', "O'Brien"] },
  ];
  const bins = (values: Array<[number, number]>) => values.map(([min, max], i) => ({ score: i + 1, count: 10, min, max }));
  return {
    dialect,
    table: 'shop.transactions',
    thresholds,
    appVersion: '0.1.0',
    settings,
    source: {
      fileName: 'online-retail-2011-jan-feb.csv',
      header: ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
      columns: { order: 'InvoiceNo', product: 'StockCode', quantity: 'Quantity', date: 'InvoiceDate', price: 'UnitPrice', customer: 'CustomerID' },
      cleaning: { returns: 'net', duplicates: 'drop', nonPositivePrice: 'exclude', nonProduct: 'keep' },
      missingMarkers: ['NA', 'N/A', 'null', '-'],
      analysisDay: null,
      fingerprint: '0123456789abcdef',
    },
    fixed: {
      scoreBins: {
        r: bins([[45, 56], [30, 44], [17, 29], [7, 16], [1, 6]]),
        f: bins([[1, 1], [2, 2], [3, 3], [4, 5], [6, 40]]),
        m: bins([[-120.5, 150.2], [150.25, 300], [300.1, 600.75], [601, 1500], [1500.5, 90000]]),
      },
      highFrom: 1234.56,
      intermediateFrom: 321.5,
      populationCycleDays: 9.5,
      analysisDay: 15034,
    },
    ruleSegments: [
      { header: 'Big or frequent', rule: big },
      { header: "Shop's \"regulars\"", rule: regulars },
      { header: 'Called last week', customers: ['12347', "O'Brien"] },
    ],
    clusters: {
      features: [{ feature: 'recency', log: true }, { feature: 'frequency', log: true }, { feature: 'monetary', log: true }],
      scales: [
        { name: 'recency', log: true, center: 2.9, scale: 0.8, constant: false },
        { name: 'frequency', log: true, center: 0.9, scale: 0.4, constant: false },
        { name: 'monetary', log: true, center: 6.1, scale: 1.1, constant: false },
      ],
      centroids: [-1, 1.2, 1.1, 0.8, -0.6, -0.7, 0.1, 0.2, 0.05],
      names: ['Recent, frequent, high spend', 'Lapsed, infrequent', "Middle (the 'rest')"],
    },
    lifetimeValue: true,
    attributes: [],
  };
}
