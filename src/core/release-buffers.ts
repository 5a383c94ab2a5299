type Detachable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
type Clone = (value: unknown, options: { transfer: ArrayBuffer[] }) => unknown;

/**
 * Gives back the memory of typed arrays nothing will read again, now rather than at the next
 * garbage collection: each one's buffer is detached, so it and every view of it read as empty.
 *
 * Why: a browser frees an unreachable ArrayBuffer only when the worker's garbage collector runs,
 * and a long synchronous step (a file's read, its metrics) allocates almost nothing on the JS
 * heap to prompt one. At 10M rows the import left hundreds of MB of dropped columns unreclaimed
 * while it allocated the next ones. `ArrayBuffer.prototype.transfer(0)` frees the old memory at
 * once (measured in Chromium: a worker that dropped 400 MB then allocated 400 MB peaked 250 MB
 * lower); where it is missing (Node 20), a transferring structuredClone detaches the buffer all
 * the same, so a view read after its release fails the same way in the tests.
 *
 * Only for arrays this code owns whole: a view into a buffer still used elsewhere empties that too.
 */
export function releaseBuffers(...arrays: Array<ArrayBufferView | null | undefined>): void {
  for (const a of arrays) {
    if (!a) continue;
    const buffer = a.buffer as Detachable;
    // Shared memory cannot be detached; an empty (or already released) buffer holds nothing.
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) continue;
    if (typeof buffer.transfer === 'function') buffer.transfer(0);
    else (globalThis as unknown as { structuredClone?: Clone }).structuredClone?.(buffer, { transfer: [buffer] });
  }
}
