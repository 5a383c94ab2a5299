/**
 * Words compared between two pauses (see keepEqualPartsInSlices): the first comparison of a page
 * runs before the engine has compiled it, about 25 ns a word, and a quarter of a million
 * customers' revenue (half a million words) was one step of 13 ms in a profile of the bench at
 * 5M rows; 64k words are under 2 ms cold, and a fraction of a millisecond once compiled.
 */
const WORDS_PER_STEP = 1 << 16;

// Four bytes at a time where both arrays allow it, stopping (yield) every WORDS_PER_STEP words.
// Bytes, not values: 0 and -0 differ, and equal NaNs are equal.
function* sameBytes(a: ArrayBufferView, b: ArrayBufferView): Generator<void, boolean> {
  if (a.byteLength !== b.byteLength) return false;
  const n = a.byteLength;
  const words = a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 ? n >> 2 : 0;
  if (words > 0) {
    const x = new Int32Array(a.buffer, a.byteOffset, words);
    const y = new Int32Array(b.buffer, b.byteOffset, words);
    for (let from = 0; from < words; from += WORDS_PER_STEP) {
      if (from > 0) yield;
      const to = Math.min(words, from + WORDS_PER_STEP);
      for (let i = from; i < to; i++) if (x[i] !== y[i]) return false;
    }
  }
  const x = new Uint8Array(a.buffer, a.byteOffset, n);
  const y = new Uint8Array(b.buffer, b.byteOffset, n);
  for (let from = words * 4; from < n; from += 4 * WORDS_PER_STEP) {
    if (from > words * 4) yield;
    const to = Math.min(n, from + 4 * WORDS_PER_STEP);
    for (let i = from; i < to; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/**
 * Whether two values hold the same data: numbers (NaN equal to NaN), strings and the like by
 * value; typed arrays of one kind byte by byte; arrays and plain objects part by part.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  return runToEnd(sameContentInSteps(a, b));
}

/** {@link sameContent} in steps, stopping (yield) inside long typed arrays (see WORDS_PER_STEP). */
function* sameContentInSteps(a: unknown, b: unknown): Generator<void, boolean> {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return yield* sameBytes(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // Values compared here, without a generator each: an array can hold a value per customer.
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (Object.is(x, y)) continue;
      if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || !(yield* sameContentInSteps(x, y))) return false;
      if ((i & (WORDS_PER_STEP - 1)) === WORDS_PER_STEP - 1) yield;
    }
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.hasOwn(b, k) || !(yield* sameContentInSteps((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))) return false;
  }
  return true;
}

function runToEnd<R>(steps: Generator<void, R>): R {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * `next` with each of its top-level parts that holds the same data as the one of `previous`
 * replaced by that one, and the names of the parts that changed. A new model whose scores and
 * segments did not move (lifetime value fitted: only its fields are new) then hands the charts
 * the very arrays they already show, so nothing is counted, laid out or drawn again.
 */
export function keepEqualParts<T extends object>(previous: T | null, next: T): { value: T; changed: Array<keyof T> } {
  return runToEnd(compareParts(previous, next));
}

/**
 * {@link keepEqualParts} with a pause (`pause`, say the next task) whenever its comparing has run
 * `sliceMs` since the last, checked between parts and every {@link WORDS_PER_STEP} words of a long
 * typed array: on the main thread, a model of a quarter of a million customers with lifetime
 * value fitted took 22 ms to compare, in the task that then drew it.
 */
export async function keepEqualPartsInSlices<T extends object>(previous: T | null, next: T, pause: () => Promise<void>, sliceMs = 8): Promise<{ value: T; changed: Array<keyof T> }> {
  const steps = compareParts(previous, next);
  let from = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - from >= sliceMs) {
      await pause();
      from = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}

/** Compares the parts one at a time, stopping (yield) between two and inside long typed arrays. */
function* compareParts<T extends object>(previous: T | null, next: T): Generator<void, { value: T; changed: Array<keyof T> }> {
  if (!previous) return { value: next, changed: Object.keys(next) as Array<keyof T> };
  const value = { ...next };
  const changed: Array<keyof T> = [];
  let first = true;
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (!first) yield;
    first = false;
    if (Object.hasOwn(previous, key) && (yield* sameContentInSteps(previous[key], next[key]))) value[key] = previous[key];
    else changed.push(key);
  }
  return { value, changed };
}
