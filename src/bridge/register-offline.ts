/** How long nothing must be read, scored or saved before the service worker is registered. */
export const QUIET_MS = 2000;

let registered = false;

/**
 * Registers the service worker that precaches the build (offline after one visit; see
 * vite.config.ts) once the page has been quiet for `quietMs`: its install downloads and stores
 * about 5 MB, which on a two-core laptop competes with a file chosen as soon as the page shows.
 * Call it from an effect that reads `busy`; the returned cleanup cancels the wait when the page
 * gets busy again. A development server has no service worker.
 */
export function registerOfflineWhenQuiet(busy: boolean, quietMs = QUIET_MS): () => void {
  if (registered || busy || !import.meta.env.PROD || !('serviceWorker' in navigator)) return () => {};
  const timer = setTimeout(() => {
    registered = true;
    performance.mark('segment:offline-registered');
    // Relative to the page, so the app runs from a sub-path too; without it the app still runs online.
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => (registered = false));
  }, quietMs);
  return () => clearTimeout(timer);
}
