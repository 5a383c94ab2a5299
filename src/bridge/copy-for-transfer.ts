/** Bytes copied between yields to the event loop: a few milliseconds of copying. */
const BYTES_PER_TASK = 4 << 20;

type Yield = () => Promise<void>;

const nextTask: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A copy of `value` whose typed arrays are fresh copies, made a few megabytes per task, with
 * their buffers listed for transfer. Posting the copy with those buffers transferred moves it
 * without a structured clone: cloning 40 MB of customer columns in one postMessage is a long
 * task on the main thread, while the original stays here for a worker that must be refilled.
 */
export async function copyForTransfer<T>(value: T, pause: Yield = nextTask): Promise<{ copy: T; buffers: ArrayBuffer[] }> {
  const buffers: ArrayBuffer[] = [];
  let sinceYield = 0;
  const copy = async (v: unknown): Promise<unknown> => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const typed = v as unknown as { slice(): ArrayBufferView; byteLength: number };
      if (sinceYield > BYTES_PER_TASK) {
        await pause();
        sinceYield = 0;
      }
      sinceYield += typed.byteLength;
      const fresh = typed.slice();
      buffers.push(fresh.buffer as ArrayBuffer);
      return fresh;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const item of v) out.push(await copy(item));
      return out;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = await copy(item);
      return out;
    }
    return v;
  };
  return { copy: (await copy(value)) as T, buffers };
}
