import type { FieldCatalog, RuleColumns } from '../../../src/core/rules/rule-types.ts';

/**
 * Six customers:
 *
 * | # | orders | aov | country        |
 * |---|--------|-----|----------------|
 * | 0 | 1      | 50  | Germany        |
 * | 1 | 6      | 250 | France         |
 * | 2 | 8      | 150 | United Kingdom |
 * | 3 | 1      | –   | – (code -1)    |
 * | 4 | 3      | 200 | Germany        |
 * | 5 | 12     | 201 | "" (empty text) |
 */
export const columns: RuleColumns = {
  n: 6,
  columns: {
    orders: Uint32Array.of(1, 6, 8, 1, 3, 12),
    aov: Float64Array.of(50, 250, 150, NaN, 200, 201),
    country: { codes: Int32Array.of(0, 1, 2, -1, 0, 3), values: ['Germany', 'France', 'United Kingdom', ''] },
  },
};

export const catalog: FieldCatalog = {
  orders: { kind: 'number', label: 'Orders' },
  aov: { kind: 'number', label: 'Average order value' },
  country: { kind: 'text', label: 'Country' },
};
