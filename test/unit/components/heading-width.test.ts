import { describe, expect, it } from 'vitest';
import { twoLineChars, twoLineWidth } from '../../../src/components/heading-width.ts';

/** Every way to cut the words in two lines, tried one by one: the shortest longer line. */
function bruteForce(label: string): number {
  const words = label.split(' ');
  let best = label.length;
  for (let k = 1; k < words.length; k++) best = Math.min(best, Math.max(words.slice(0, k).join(' ').length, words.slice(k).join(' ').length));
  return best;
}

describe('twoLineChars', () => {
  it('cuts a heading where its two lines are most even', () => {
    expect(twoLineChars('Median days between purchases')).toBe('between purchases'.length);
    expect(twoLineChars('Net revenue')).toBe('revenue'.length);
    expect(twoLineChars('Average order value')).toBe('order value'.length);
  });

  it('gives a single word its own length, and nothing for no words', () => {
    expect(twoLineChars('Lifecycle')).toBe(9);
    expect(twoLineChars('   ')).toBe(0);
    expect(twoLineChars('  R   score ')).toBe(5);
  });

  it('agrees with trying every cut, on made-up headings', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 300; n++) {
      const words = Array.from({ length: 1 + Math.floor(next() * 6) }, () => 'x'.repeat(1 + Math.floor(next() * 12)));
      const label = words.join(' ');
      expect(twoLineChars(label)).toBe(bruteForce(label));
    }
  });
});

describe('twoLineWidth', () => {
  it('is at least the least width given, in CSS', () => {
    expect(twoLineWidth('Net revenue', '5.5rem')).toBe('max(5.5rem, 7.7ch + 1.6rem)');
  });
});
