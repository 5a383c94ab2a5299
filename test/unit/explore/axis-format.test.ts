import { describe, expect, it } from 'vitest';
import { formatAxisTick } from '../../../src/core/explore/axis-format.ts';

describe('formatAxisTick', () => {
  it('never gives an SI sub-unit prefix for money, and reads residues as 0', () => {
    for (const v of [1e-11, -1e-11, 1e-13, 0.004, -0.004]) expect(formatAxisTick(v, 'money')).toBe('0');
    const labels = [0.01, 0.1, 0.5, 1, 2, 5, 10, 100, 1e-6, 1e-9, 3e-12].map((v) => formatAxisTick(v, 'money'));
    for (const label of labels) expect(label).not.toMatch(/[pµunmf]$/);
    expect(labels.slice(0, 7)).toEqual(['0.01', '0.1', '0.5', '1', '2', '5', '10']);
  });

  it('shortens thousands, millions and billions, and keeps the sign', () => {
    expect(formatAxisTick(1000, 'money')).toBe('1k');
    expect(formatAxisTick(2500, 'money')).toBe('2.5k');
    expect(formatAxisTick(100_000, 'money')).toBe('100k');
    expect(formatAxisTick(1_200_000, 'money')).toBe('1.2M');
    expect(formatAxisTick(3e9, 'money')).toBe('3bn');
    expect(formatAxisTick(-2000, 'money')).toBe('−2k');
    expect(formatAxisTick(-12.5, 'money')).toBe('−12.5');
    expect(formatAxisTick(250, 'days')).toBe('250');
    expect(formatAxisTick(0.25, 'share')).toBe('25%');
  });

  it('agrees with the value it labels, to the digits it shows (brute force over many magnitudes)', () => {
    const unit = (s: string) => (s.endsWith('tn') ? 1e12 : s.endsWith('bn') ? 1e9 : s.endsWith('M') ? 1e6 : s.endsWith('k') ? 1e3 : 1);
    for (let e = -2; e <= 12; e++) {
      for (const m of [1, 2, 2.5, 5, 7.5]) {
        const v = m * 10 ** e;
        const label = formatAxisTick(v, 'money');
        const read = parseFloat(label.replace(/[a-zA-Z]+$/, '')) * unit(label);
        // Within half a cent (money is rounded to cents) or 5% (large values are shortened).
        expect(Math.abs(read - v) <= 0.005 || Math.abs(read - v) / v < 0.05, `${v} -> ${label}`).toBe(true);
      }
    }
  });

  it('gives no label for values that are not numbers', () => {
    expect(formatAxisTick(NaN, 'money')).toBe('');
    expect(formatAxisTick(Infinity, 'count')).toBe('');
  });
});
