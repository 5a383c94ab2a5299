type Detachable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
type Clone = (value: unknown, options: { transfer: ArrayBuffer[] }) => unknown;
type Port = { postMessage(value: unknown, transfer: ArrayBuffer[]): void; close(): void };
type Channel = new () => { port1: Port; port2: Port };

/**
 * Gives back the memory of typed arrays nothing will read again, now rather than at the next
 * garbage collection: each one's buffer is detached, so it and every view of it read as empty.
 *
 * Why: a browser frees an unreachable ArrayBuffer only when the worker's garbage collector runs,
 * and a long synchronous step (a file's read, its metrics) allocates almost nothing on the JS
 * heap to prompt one. At 10M rows the import left hundreds of MB of dropped columns unreclaimed
 * while it allocated the next ones.
 *
 * How: each buffer is posted, transferred, into a message channel whose other end is closed, so
 * the message is dropped with its bytes. `ArrayBuffer.prototype.transfer(0)` frees a buffer made
 * in this worker, but not one that came transferred from another: Chromium's wrapper of such a
 * buffer keeps its bytes until a collection (measured: twelve 25 MB buffers from another worker,
 * 268 MB still held after transfer(0) or a transferring structuredClone; none after the closed
 * channel, which frees a buffer made here just as well). Where that does not detach (no
 * MessageChannel), transfer(0), else a transferring structuredClone (Node 20), detach it all the
 * same, so a view read after its release fails the same way in the tests.
 *
 * Only for arrays this code owns whole: a view into a buffer still used elsewhere empties that too.
 */
export function releaseBuffers(...arrays: Array<ArrayBufferView | null | undefined>): void {
  for (const a of arrays) {
    if (!a) continue;
    const buffer = a.buffer as Detachable;
    // Shared memory cannot be detached; an empty (or already released) buffer holds nothing.
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) continue;
    dropInClosedChannel(buffer);
    if (buffer.byteLength === 0) continue;
    if (typeof buffer.transfer === 'function') buffer.transfer(0);
    else (globalThis as unknown as { structuredClone?: Clone }).structuredClone?.(buffer, { transfer: [buffer] });
  }
}

function dropInClosedChannel(buffer: ArrayBuffer): void {
  const MessageChannel = (globalThis as unknown as { MessageChannel?: Channel }).MessageChannel;
  if (!MessageChannel) return;
  try {
    const { port1, port2 } = new MessageChannel();
    port2.close();
    port1.postMessage(null, [buffer]);
    port1.close();
  } catch {
    // Not detached: the fallbacks do it.
  }
}
