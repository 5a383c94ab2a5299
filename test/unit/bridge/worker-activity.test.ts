import { describe, expect, it } from 'vitest';
import { whenWorkersQuiet, workerCallStarted } from '../../../src/bridge/worker-activity.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the promise has settled by now (after the microtasks queued before it). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await sleep(0);
  return done;
}

describe('whenWorkersQuiet', () => {
  it('waits for every call in flight to end, then for the quiet period', async () => {
    const endA = workerCallStarted();
    const endB = workerCallStarted();
    const quiet = whenWorkersQuiet(40);
    await sleep(60);
    expect(await settled(quiet)).toBe(false);
    endA();
    await sleep(60);
    expect(await settled(quiet)).toBe(false);
    endB();
    const ended = performance.now();
    await quiet;
    // The quiet period counts from the last call's end (a timer may fire a little early).
    expect(performance.now() - ended).toBeGreaterThanOrEqual(35);
  });

  it('starts the quiet period again when a call starts and ends within it', async () => {
    workerCallStarted()();
    const quiet = whenWorkersQuiet(80);
    await sleep(40);
    const end = workerCallStarted();
    await sleep(100);
    // The first quiet period is over, but a call is in flight.
    expect(await settled(quiet)).toBe(false);
    end();
    const ended = performance.now();
    await quiet;
    expect(performance.now() - ended).toBeGreaterThanOrEqual(75);
  });

  it('counts a call once however often its end is reported', async () => {
    const endA = workerCallStarted();
    endA();
    endA();
    const endB = workerCallStarted();
    const quiet = whenWorkersQuiet(10);
    await sleep(40);
    // Had endA counted twice, B would look ended and the wait would be over.
    expect(await settled(quiet)).toBe(false);
    endB();
    await quiet;
  });

  it('resolves after the quiet period when no call has run', async () => {
    await sleep(20);
    const started = performance.now();
    await whenWorkersQuiet(10);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
