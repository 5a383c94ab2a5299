import { describe, expect, it } from 'vitest';
import { warmUpScoring } from '../../src/core/index.ts';

// The warm-up runs the real unpacking and scoring; if a change broke it, it would fail inside
// the worker, unseen.
describe('warmUpScoring', () => {
  it('scores every customer of its made-up table', () => {
    expect(warmUpScoring()).toBe(5000);
  });
});
