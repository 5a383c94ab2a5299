import { wrap, type Remote } from 'comlink';

/** The error a call rejects with when its signal aborts: callers check `isAbort`, not messages. */
export function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * Owns one worker: starts it on first use, and on abort terminates it, so a cancelled parse
 * stops at once instead of running to the end of the file. The next call starts a fresh worker
 * and first runs the `restore` hook, which gives a stateful worker back what it held.
 */
export class WorkerBridge<T> {
  private worker: Worker | null = null;
  private remote: Remote<T> | null = null;
  private readonly create: () => Worker;
  /** Run on every fresh worker before the first call, e.g. to send it the customer table again. */
  restore: ((api: Remote<T>) => Promise<void>) | null = null;

  constructor(create: () => Worker) {
    this.create = create;
  }

  async call<R>(signal: AbortSignal, run: (api: Remote<T>) => Promise<R>): Promise<R> {
    if (signal.aborted) throw abortError();
    let fresh = false;
    if (!this.remote) {
      this.worker = this.create();
      this.remote = wrap<T>(this.worker);
      fresh = true;
    }
    const remote = this.remote;
    const restore = fresh ? this.restore : null;
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => {
        this.terminate();
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      (restore ? restore(remote) : Promise.resolve())
        .then(() => run(remote))
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
