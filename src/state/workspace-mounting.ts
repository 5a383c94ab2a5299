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
let holding = 0;
let waiting: Array<() => void> = [];

/** Marks a part of the workspace as mounting; call the answer once it is mounted (or gone). */
export function holdMounting(): () => void {
  holding++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holding--;
    if (holding === 0) {
      const ready = waiting;
      waiting = [];
      for (const resolve of ready) resolve();
    }
  };
}

/** Resolves once nothing is mounting, or after `maxMs` at most (background work is never held for good). */
export function workspaceMounted(maxMs: number): Promise<void> {
  if (holding === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    waiting.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
