import { nextTask } from './next-task.ts';

/**
 * Bytes copied between yields to the event loop: a few milliseconds of copying. Into fresh memory,
 * whose first touch cost about 4 ms a MiB on the machines measured: 4 MiB a task were tasks of
 * 26-72 ms at 5M-10M rows (CPU profiles of the bench's load).
 */
const BYTES_PER_TASK = 1 << 20;

type Yield = () => Promise<void>;

/** What every typed array has that the copy uses. */
interface Typed {
  readonly length: number;
  readonly BYTES_PER_ELEMENT: number;
  readonly buffer: ArrayBufferLike;
  set(source: Typed, offset: number): void;
  subarray(begin: number, end: number): Typed;
}

/**
 * A copy of `value` whose typed arrays are fresh copies, made at most a few megabytes per task
 * (a large column in several), with
 * their buffers listed for transfer. Posting the copy with those buffers transferred moves it
 * without a structured clone: cloning 40 MB of customer columns in one postMessage is a long
 * task on the main thread, while the original stays here for a worker that must be refilled.
 */
export async function copyForTransfer<T>(value: T, pause: Yield = nextTask): Promise<{ copy: T; buffers: ArrayBuffer[] }> {
  const buffers: ArrayBuffer[] = [];
  let sinceYield = 0;
  const copy = async (v: unknown): Promise<unknown> => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      // A column is copied in pieces too: one of 40 MB (a 5M-row file's purchase days) in one
      // go was a long task by itself.
      const typed = v as unknown as Typed;
      const fresh = new (typed.constructor as new (length: number) => Typed)(typed.length);
      const step = Math.max(1, Math.floor(BYTES_PER_TASK / typed.BYTES_PER_ELEMENT));
      for (let from = 0; from < typed.length; from += step) {
        if (sinceYield >= BYTES_PER_TASK) {
          await pause();
          sinceYield = 0;
        }
        const to = Math.min(typed.length, from + step);
        fresh.set(typed.subarray(from, to), from);
        sinceYield += (to - from) * typed.BYTES_PER_ELEMENT;
      }
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
