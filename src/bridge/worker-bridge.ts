import { wrap, type Remote } from 'comlink';
import { LIFE_LOCK_MESSAGE } from '../core/index.ts';
import { workerCallStarted } from './worker-activity.ts';

/** The error a call rejects with when its signal aborts: callers check `isAbort`, not messages. */
export function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** What a call rejects with when its worker died under it; a fresh worker is being restored. */
export class WorkerCrashError extends Error {
  constructor(readonly reason: string) {
    super(`the worker stopped unexpectedly (${reason}); it was started again with your data, so run this again`);
    this.name = 'WorkerCrashError';
  }
}

/** Crashes in a row after which no fresh worker is started on its own (the restore itself may be what crashes). */
const MAX_REVIVALS = 3;

/**
 * Owns one worker: starts it on first use, runs calls one at a time in order, and on abort
 * terminates it, so a cancelled parse or clustering stops at once instead of running to the
 * end. The next call starts a fresh worker and first runs the `restore` hook, which gives a
 * stateful worker back what it held.
 *
 * One call at a time is what makes terminating safe: a worker runs one job at a time anyway, so
 * a queued call loses nothing by waiting, and the worker a cancel terminates holds no other
 * caller's job (it would never answer). A call aborted while still queued just leaves the queue.
 *
 * A worker that dies on its own is noticed two ways: an error nothing in it caught (its state
 * can no longer be trusted), and its life lock (see holdLifeLock) coming free, however it ended:
 * closed, out of memory, killed. Then the call in flight rejects with a {@link WorkerCrashError}
 * instead of waiting for ever, `onCrash` is told, and a fresh worker is started and restored at
 * once.
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
  /** Told when a worker died on its own, with why, after the call in flight was rejected. */
  onCrash: ((reason: string) => void) | null = null;
  /** Ends the call in flight with an error (and its worker); null when none runs. */
  private stopRunning: ((error: unknown) => void) | null = null;
  private crashesInARow = 0;

  constructor(create: () => Worker) {
    this.create = create;
  }

  call<R>(signal: AbortSignal, run: (api: Remote<T>) => Promise<R>): Promise<R> {
    if (signal.aborted) return Promise.reject(abortError());
    const previous = this.queue;
    const ended = workerCallStarted();
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => {
      release = () => {
        ended();
        resolve();
      };
    });
    return new Promise<R>((resolve, reject) => {
      let running = false;
      // The worker would finish the job before answering anything else (or, dead, never
      // answer): end it, and let the next call start a fresh one.
      const stop = (error: unknown) => {
        reject(error);
        this.terminate();
        release();
      };
      const onAbort = () => {
        if (running) stop(abortError());
        else reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      previous
        .then(async () => {
          if (signal.aborted) return;
          running = true;
          this.stopRunning = stop;
          const remote = this.start();
          if (this.fresh) {
            this.fresh = false;
            if (this.restore) await this.restore(remote);
          }
          if (signal.aborted) return;
          resolve(await run(remote));
          this.crashesInARow = 0;
        })
        .catch(reject)
        .finally(() => {
          if (this.stopRunning === stop) this.stopRunning = null;
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
      const worker = this.create();
      this.worker = worker;
      this.remote = wrap<T>(worker);
      this.fresh = true;
      this.watch(worker);
    }
    return this.remote;
  }

  private watch(worker: Worker): void {
    worker.addEventListener('error', (event: Event) => {
      // Some message ports deliver every event to every listener: only a real error counts.
      if (event.type !== 'error') return;
      event.preventDefault();
      const message = (event as Partial<ErrorEvent>).message;
      this.crashed(worker, message ? message : 'an error it did not catch');
    });
    worker.addEventListener('message', (event: MessageEvent) => {
      const name: unknown = (event.data as Record<string, unknown> | null)?.[LIFE_LOCK_MESSAGE];
      // Granted only once the worker no longer holds it: it is gone.
      if (typeof name === 'string') void globalThis.navigator?.locks?.request(name, () => this.crashed(worker, 'it was closed or ran out of memory'));
    });
  }

  /** A worker died without being told to: fail its call, report, and restore a fresh one. */
  private crashed(worker: Worker, reason: string): void {
    // A worker this bridge terminated itself also frees its lock: that is no crash.
    if (worker !== this.worker) return;
    const stop = this.stopRunning;
    this.stopRunning = null;
    this.terminate();
    stop?.(new WorkerCrashError(reason));
    this.onCrash?.(reason);
    if (++this.crashesInARow <= MAX_REVIVALS) {
      this.call(new AbortController().signal, async () => undefined).catch(() => {});
    }
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
