import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdMounting, workspaceMounted } from '../../../src/state/workspace-mounting.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Whether the promise has settled once pending callbacks have run. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('workspaceMounted', () => {
  it('resolves at once when nothing is mounting', async () => {
    expect(await settled(workspaceMounted(10_000))).toBe(true);
  });

  it('waits for every part held, each released once however often it is called', async () => {
    vi.useFakeTimers();
    const a = holdMounting();
    const b = holdMounting();
    const wait = workspaceMounted(10_000);
    a();
    a();
    expect(await settled(wait)).toBe(false);
    b();
    expect(await settled(wait)).toBe(true);
    expect(await settled(workspaceMounted(10_000))).toBe(true);
  });

  it('gives up waiting after maxMs, and a part released later changes nothing', async () => {
    vi.useFakeTimers();
    const stuck = holdMounting();
    const wait = workspaceMounted(4000);
    vi.advanceTimersByTime(3999);
    expect(await settled(wait)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(wait)).toBe(true);
    stuck();
    expect(await settled(workspaceMounted(10))).toBe(true);
  });
});
