import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PaintQueue, SETTLE_MS, type PaintAsk } from '../../../src/bridge/paint-queue.ts';

const z = (k: number, x = 0, y = 0) => ({ k, x, y });

describe('PaintQueue', () => {
  let sent: PaintAsk[];
  let queue: PaintQueue;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    queue = new PaintQueue((ask) => sent.push(ask));
  });
  afterEach(() => {
    queue.dispose();
    vi.useRealTimers();
  });

  it('asks for the first picture exact, at once', () => {
    queue.ask(z(1), 100, 50, 1);
    expect(sent).toEqual([{ zoom: z(1), width: 100, height: 50, dpr: 1, quick: false }]);
    expect(queue.done()).toBe(false);
  });

  it('keeps one picture in flight and paints the latest zoom next, dropping the ones between', () => {
    queue.ask(z(1), 100, 50, 1);
    queue.ask(z(2), 100, 50, 1);
    queue.ask(z(3), 100, 50, 1);
    queue.ask(z(4), 100, 50, 1);
    expect(sent.map((a) => a.zoom.k)).toEqual([1]);
    expect(queue.done()).toBe(true);
    expect(sent.map((a) => a.zoom.k)).toEqual([1, 4]);
  });

  it('asks for quick pictures in motion and the exact one once the zoom rests, then says it is the last', () => {
    queue.ask(z(1), 100, 50, 1);
    queue.done();
    for (let k = 2; k <= 4; k++) {
      queue.ask(z(k), 100, 50, 1);
      vi.advanceTimersByTime(SETTLE_MS / 2);
      // Another picture is on its way: this one is not the settled one.
      expect(queue.done()).toBe(true);
    }
    expect(sent.map((a) => [a.zoom.k, a.quick])).toEqual([[1, false], [2, true], [3, true], [4, true]]);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(sent.at(-1)).toEqual({ zoom: z(4), width: 100, height: 50, dpr: 1, quick: false });
    expect(queue.done()).toBe(false);
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(sent.length).toBe(5);
  });

  it('waits for the picture in flight before the exact one', () => {
    queue.ask(z(1), 100, 50, 1);
    queue.done();
    queue.ask(z(2), 100, 50, 1);
    vi.advanceTimersByTime(2 * SETTLE_MS);
    expect(sent.length).toBe(2);
    expect(queue.done()).toBe(true);
    expect(sent.at(-1)).toMatchObject({ zoom: z(2), quick: false });
    expect(queue.done()).toBe(false);
  });

  it('asks exact at once after new colours or positions, or a new size, even mid-zoom', () => {
    queue.ask(z(1), 100, 50, 1);
    queue.done();
    queue.ask(z(2), 100, 50, 1);
    queue.done();
    queue.changed();
    queue.ask(z(3), 100, 50, 1);
    queue.done();
    queue.ask(z(3), 120, 50, 1);
    queue.done();
    queue.ask(z(3), 120, 50, 1);
    expect(sent.map((a) => a.quick)).toEqual([false, true, false, false, false]);
    // The exact pictures leave no settle pending.
    expect(queue.done()).toBe(false);
  });

  it('after dispose asks for nothing more', () => {
    queue.ask(z(1), 100, 50, 1);
    queue.done();
    queue.ask(z(2), 100, 50, 1);
    queue.done();
    queue.dispose();
    vi.advanceTimersByTime(2 * SETTLE_MS);
    expect(sent.length).toBe(2);
  });
});
