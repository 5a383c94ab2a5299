import { describe, expect, it } from 'vitest';
import { validateValueBandMethod, valueBands } from '../../../src/core/segments/value-bands.ts';

const pareto = (highShare = 0.8, intermediateShare = 0.15) => ({ method: 'pareto' as const, highShare, intermediateShare });
const quantile = (highShare: number, intermediateShare: number) => ({ method: 'quantile' as const, highShare, intermediateShare });

describe('valueBands(revenue, pareto)', () => {
  it('makes high value the customers bringing the first 80% of revenue, then the next 15%', () => {
    // Positive total 1000. Ranked: 500 (0% above → high), 300 (50% above → high),
    // 100 (80% above: the line is reached → intermediate), 50 (90% → intermediate),
    // 30 (95% → low), 20 (97% → low); 0 and -10 have no positive revenue → low.
    const bands = valueBands([20, 500, -10, 100, 0, 300, 30, 50], pareto());
    expect(Array.from(bands.codes)).toEqual([2, 0, 2, 1, 2, 0, 2, 1]);
    expect(bands.names).toEqual(['High value', 'Intermediate value', 'Low value']);
    expect(bands.counts).toEqual([2, 2, 4]);
    expect(bands.revenue).toEqual([800, 150, 40]); // low: 30 + 20 + 0 - 10
    expect([bands.highFrom, bands.intermediateFrom]).toEqual([300, 50]);
  });

  it('keeps the customer who crosses the 80% line in high value', () => {
    // 600 (0% above) high; 300 (60% above, crosses to 90%) high; 100 (90% above) intermediate.
    expect(valueBands([600, 300, 100], pareto()).counts).toEqual([2, 1, 0]);
  });

  it('keeps tied customers together, in the band where their group starts', () => {
    // 700 high; the three 100s have 70% above them (< 80%), so all three are high.
    expect(valueBands([700, 100, 100, 100], pareto()).counts).toEqual([4, 0, 0]);
    // 500, 300 high; the two 100s have exactly 80% above → both intermediate.
    expect(valueBands([500, 300, 100, 100], pareto()).counts).toEqual([2, 2, 0]);
  });

  it('treats a line reached exactly as reached despite floating-point sums', () => {
    // 0.17 + 0.15 is exactly 80% of 0.40, but the float division gives 0.7999999999999999.
    expect(Array.from(valueBands([0.17, 0.15, 0.08], pareto()).codes)).toEqual([0, 0, 1]);
  });

  it('puts everyone in low value when nobody has positive revenue', () => {
    const bands = valueBands([0, -5, 0], pareto());
    expect(bands.counts).toEqual([0, 0, 3]);
    expect(bands.highFrom).toBe(Infinity);
  });

  it('uses the band names given', () => {
    expect(valueBands([1], pareto(), ['Gold', 'Silver', 'Bronze']).names).toEqual(['Gold', 'Silver', 'Bronze']);
  });

  it('defaults to 80 / 15 / 5 Pareto shares', () => {
    expect(valueBands([500, 300, 100, 50, 30, 20]).counts).toEqual([2, 2, 2]);
  });
});

describe('valueBands(revenue, quantile)', () => {
  it('makes the top 20% of customers high value and the next 30% intermediate', () => {
    // 10 customers: 100, 90 high (top 2); 80, 70, 60 intermediate (next 3); the other 5 low.
    const bands = valueBands([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], quantile(0.2, 0.3));
    expect(Array.from(bands.codes)).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 0, 0]);
    expect([bands.highFrom, bands.intermediateFrom]).toEqual([90, 60]);
  });

  it('drops a tie group that straddles the line to the lower band, as quantile scores do', () => {
    // Top 10% would be 1 customer, but the two 9s tie: neither is high. They are the top 20%
    // (≤ 10% + 30%), so intermediate, with 8 (30%) and 7 (40%); 6 (50%) is low.
    const bands = valueBands([1, 2, 3, 4, 5, 6, 7, 8, 9, 9], quantile(0.1, 0.3));
    expect(bands.counts).toEqual([0, 4, 6]);
    expect([bands.highFrom, bands.intermediateFrom]).toEqual([Infinity, 7]);
  });

  it('never ranks zero or negative revenue above low', () => {
    // 20 (top 25%) and 10 (top 50%) are high; 0 and -5 would be next but have no revenue.
    expect(Array.from(valueBands([-5, 0, 10, 20], quantile(0.5, 0.5)).codes)).toEqual([2, 2, 0, 0]);
  });
});

describe('valueBands(revenue, amount)', () => {
  it('bands by fixed amounts, each an inclusive lower bound', () => {
    const bands = valueBands([1500, 1000, 999.99, 200, 199, 0, -3], { method: 'amount', high: 1000, intermediate: 200 });
    expect(Array.from(bands.codes)).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });
});

describe('validateValueBandMethod(method)', () => {
  it('refuses shares beyond 100% and amounts in the wrong order', () => {
    expect(validateValueBandMethod(pareto(0.9, 0.2))).toEqual(['The high and intermediate shares add up to more than 100% (0.9 + 0.2).']);
    expect(validateValueBandMethod(quantile(-0.1, 0.2))).toEqual(['The high share must be between 0 and 1, got -0.1.']);
    expect(validateValueBandMethod({ method: 'amount', high: 100, intermediate: 500 })).toEqual([
      'The intermediate amount (500) must not be above the high amount (100).',
    ]);
    expect(validateValueBandMethod({ method: 'amount', high: 100, intermediate: 0 })).toEqual([
      'The intermediate value amount must be a positive number, got 0.',
    ]);
  });

  it('makes valueBands throw with the problems', () => {
    expect(() => valueBands([1], pareto(0.9, 0.2))).toThrow('add up to more than 100%');
  });
});
