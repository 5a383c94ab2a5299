import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/core/export/csv-cell.ts';
import { fromMoneyUnits, moneyPer } from '../../../src/core/metrics/money.ts';

describe('moneyPer(revenue, count)', () => {
  it('is the double nearest the exact quotient, so an exact half cent rounds away from zero', () => {
    const revenue = fromMoneyUnits(26_174_700);
    // Dividing the revenue rounds twice and lands below the half cent.
    expect(formatNumber(revenue / 6, 2)).toBe('436.24');
    expect(moneyPer(revenue, 6)).toBe(436.245);
    expect(formatNumber(moneyPer(revenue, 6), 2)).toBe('436.25');
  });

  it('gives equal doubles for equal quotients of different sums', () => {
    for (let units = 1; units < 2000; units += 7) {
      expect(moneyPer(fromMoneyUnits(units * 3), 3)).toBe(moneyPer(fromMoneyUnits(units * 7), 7));
    }
    expect(moneyPer(-12.5, 2)).toBe(-6.25);
  });
});
