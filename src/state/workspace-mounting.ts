import { HoldCount } from '../core/index.ts';

/**
 * Whether the workspace is still mounting its parts, so that background work can wait for it.
 *
 * The workspace mounts in parts, a task or a frame apart (see ExploreView and SegmentsSection),
 * for a second or more after a file's first picture. Work started meanwhile in the workers
 * competes with it for two cores: with a session being saved (a worker and the browser's
 * IndexedDB busy) beside the ingest worker, the page's mounting tasks of 6-12 ms of CPU took
 * 42-68 ms (a Chromium trace of a 5M import). The session's save and the per-customer metrics
 * wait for it (see SessionsState.start and DatasetState).
 */
const mounting = new HoldCount();

/** Marks a part of the workspace as mounting; call the answer once it is mounted (or gone). */
export function holdMounting(): () => void {
  return mounting.hold();
}

/** Resolves once nothing is mounting, or after `maxMs` at most (background work is never held for good). */
export function workspaceMounted(maxMs: number): Promise<void> {
  if (mounting.held === 0) return Promise.resolve();
  return Promise.race([mounting.whenFree(), new Promise<void>((resolve) => setTimeout(resolve, maxMs))]);
}
