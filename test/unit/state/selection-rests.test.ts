import { afterEach, describe, expect, it, vi } from 'vitest';
import { SELECTION_REST_MS, SelectionState } from '../../../src/state/selection.svelte.ts';

// The session's save and the share link follow `rests`, not the selection: a brush must not make
// them copy every setting in the task that shows its answer, and a burst of changes counts once.
describe('SelectionState.rests', () => {
  afterEach(() => vi.useRealTimers());

  it('counts one rest SELECTION_REST_MS after the last change, whatever the change', () => {
    vi.useFakeTimers();
    const s = new SelectionState();
    s.select(Uint8Array.of(1, 0, 1), 'brush', { ranges: [{ field: 'recency', label: 'Recency', min: 0, max: 10 }] });
    vi.advanceTimersByTime(SELECTION_REST_MS - 1);
    expect(s.rests).toBe(0);
    s.select(Uint8Array.of(0, 1, 0), 'lasso');
    vi.advanceTimersByTime(SELECTION_REST_MS - 1);
    expect(s.rests).toBe(0);
    vi.advanceTimersByTime(1);
    expect(s.rests).toBe(1);
    expect(s.count).toBe(1);

    s.clear();
    vi.advanceTimersByTime(SELECTION_REST_MS);
    expect(s.rests).toBe(2);
    s.restore({ ranges: [{ field: 'monetary', label: 'Net revenue', min: 5, max: Infinity }] });
    vi.advanceTimersByTime(SELECTION_REST_MS);
    expect(s.rests).toBe(3);
    expect(s.pending).toEqual({ ranges: [{ field: 'monetary', label: 'Net revenue', min: 5, max: Infinity }] });
    vi.advanceTimersByTime(10 * SELECTION_REST_MS);
    expect(s.rests).toBe(3);
  });
});
