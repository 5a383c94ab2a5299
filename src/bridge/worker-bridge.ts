import { wrap, type Remote } from 'comlink';

/** The error a call rejects with when its signal aborts: callers check `isAbort`, not messages. */
export function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * Owns one worker: starts it on first use, runs calls one at a time in order, and on abort
 * terminates it, so a cancelled parse or clustering stops at once instead of running to the
 * end. The next call starts a fresh worker and first runs the `restore` hook, which gives a
 * stateful worker back what it held.
 *
 * One call at a time is what makes terminating safe: a worker runs one job at a time anyway, so
 * a queued call loses nothing by waiting, and the worker a cancel terminates holds no other
 * caller's job (it would never answer). A call aborted while still queued just leaves the queue.
 */
export class WorkerBridge<T> {
  private worker: Worker | null = null;
  private remote: Remote<T> | null = null;
  private readonly create: () => Worker;
  /** True from a worker's start until `restore` has run on it. */
  private fresh = false;
  /** Settles when the call in flight (and every call before it) is done. */
  private queue: Promise<void> = Promise.resolve();
  /** Run on every fresh worker before the first call, e.g. to send it the customer table again. */
  restore: ((api: Remote<T>) => Promise<void>) | null = null;

  constructor(create: () => Worker) {
    this.create = create;
  }

  call<R>(signal: AbortSignal, run: (api: Remote<T>) => Promise<R>): Promise<R> {
    if (signal.aborted) return Promise.reject(abortError());
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    return new Promise<R>((resolve, reject) => {
      let running = false;
      const onAbort = () => {
        reject(abortError());
        if (!running) return;
        // The worker would finish the job before answering anything else: end it, and let the
        // next call start a fresh one.
        this.terminate();
        release();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      previous
        .then(async () => {
          if (signal.aborted) return;
          running = true;
          const remote = this.start();
          if (this.fresh) {
            this.fresh = false;
            if (this.restore) await this.restore(remote);
          }
          if (signal.aborted) return;
          resolve(await run(remote));
        })
        .catch(reject)
        .finally(() => {
          signal.removeEventListener('abort', onAbort);
          release();
        });
    });
  }

  /**
   * Starts the worker ahead of its first call: loading a worker's code takes tens of ms, which
   * the first file dropped should not wait for.
   */
  warm(): void {
    this.start();
  }

  private start(): Remote<T> {
    if (!this.remote) {
      this.worker = this.create();
      this.remote = wrap<T>(this.worker);
      this.fresh = true;
    }
    return this.remote;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
