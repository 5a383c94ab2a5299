import { HoldCount } from '../core/index.ts';

/**
 * Whether the app's workers are at work, for chores that can wait and are costly to the
 * machine as a whole rather than to the page: writing the page address (each write is a
 * navigation, handled by the browser's own process). On a laptop with two cores a worker
 * job takes one; a chore that lands beside it takes most of the other from the page, whose
 * next frame then stretches into a long task.
 */

const calls = new HoldCount();

/** Marks a worker call as started; the function returned marks it ended (once, however often it is called). */
export function workerCallStarted(): () => void {
  return calls.hold();
}

/**
 * Resolves once no worker call has been in flight for `quietMs`: after the job running now
 * and the ones that follow it closely (a sweep, then the clustering the analyst starts from it).
 */
export async function whenWorkersQuiet(quietMs: number): Promise<void> {
  for (;;) {
    await calls.whenFree();
    const left = calls.lastRelease + quietMs - performance.now();
    if (left <= 0 && calls.held === 0) return;
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
