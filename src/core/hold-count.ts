/**
 * A count of holds on something in progress, and a wait for the count to fall to none: what the
 * workspace's mounting and the workers' calls both are to the work that waits for them.
 */
export class HoldCount {
  #held = 0;
  #waiting: Array<() => void> = [];
  /** When a hold was last released (`performance.now()`); -Infinity before any. */
  lastRelease = -Infinity;

  get held(): number {
    return this.#held;
  }

  /** Takes a hold; the function returned releases it (once, however often it is called). */
  hold(): () => void {
    this.#held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held--;
      this.lastRelease = performance.now();
      if (this.#held === 0) {
        const waiting = this.#waiting;
        this.#waiting = [];
        for (const resolve of waiting) resolve();
      }
    };
  }

  /** Resolves once nothing is held: at once when nothing is. */
  whenFree(): Promise<void> {
    if (this.#held === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}
