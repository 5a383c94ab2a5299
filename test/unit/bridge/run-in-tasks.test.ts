import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInTasks } from '../../../src/bridge/run-in-tasks.ts';

describe('runInTasks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs nothing in the calling task, then one step per task, in order', () => {
    const ran: number[] = [];
    runInTasks([0, 1, 2].map((n) => () => ran.push(n)));
    expect(ran).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual([0]);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual([0, 1]);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual([0, 1, 2]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('its cancel stops the steps not run yet', () => {
    const ran: number[] = [];
    const cancel = runInTasks([0, 1, 2].map((n) => () => ran.push(n)));
    vi.advanceTimersToNextTimer();
    cancel();
    vi.runAllTimers();
    expect(ran).toEqual([0]);
  });

  it('no steps: nothing scheduled', () => {
    runInTasks([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
