import { LIFE_LOCK_MESSAGE } from '../src/core/index.ts';

/**
 * Holds a Web Lock for as long as this worker lives, and tells the page its name once held: the
 * page asks for the same lock and is given it only when this worker is gone, however it ended
 * (closed, out of memory, killed), which no event reports. Without Web Locks (a page not served
 * from a secure origin) the page still notices uncaught errors.
 */
export function holdLifeLock(): void {
  const locks = self.navigator.locks as LockManager | undefined;
  if (!locks) return;
  const name = `segment-studio-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  void locks.request(name, () => {
    self.postMessage({ [LIFE_LOCK_MESSAGE]: name });
    return new Promise<never>(() => {});
  });
}
