import { PLAIN_RECORDS_WASM } from './plain-records-module.ts';

/** Why {@link PlainRecords.scan} stopped (its module's `$status`). */
export const enum PlainStop {
  /** Every byte is read. */
  End = 0,
  /** The output is full: scan again from {@link PlainRecords.next}. */
  Full = 1,
  /** The record at {@link PlainRecords.next} has a quote or a NUL byte, or too many fields: read it another way. */
  NotPlain = 2,
  /** The record at {@link PlainRecords.next} runs past the bytes given: its end is in the next chunk. */
  Cut = 3,
}

/** The few WebAssembly calls used here: the core's lib has no WebAssembly types (no DOM, no Node). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

interface Exports {
  memory: { buffer: ArrayBuffer };
  scan: (from: number, n: number, final: number, delimiter: number) => number;
  next: { value: number };
  status: { value: number };
  INPUT_BYTES: { value: number };
  RECORDS: { value: number };
  ENDS: { value: number };
  STARTS: { value: number };
  ENDS_MAX: { value: number };
}

/**
 * Finds the plain records of a chunk (no quote, no NUL byte) and hashes them, in WebAssembly with
 * SIMD (plain-records.wat): the one loop over every byte of a file. In JavaScript it was about a
 * fifth of reading one, with the hashes of the rows: 400 ms for half of the 5M-row bench file in
 * Node, against 170 here, the chunks' copy included.
 *
 * One per thread (see {@link plainRecords}): the chunk is copied in, scanned, and its records are
 * read back before the next chunk is copied over them.
 */
export class PlainRecords {
  /** The largest chunk the memory takes. */
  readonly capacity: number;
  /** The memory's bytes: the chunk copied in at 0. */
  private readonly memory: Uint8Array;
  /** Per record written: the index of its first field in {@link starts} and {@link ends}, its field count and two hashes. */
  readonly records: Int32Array;
  /** The start and end of each field written, record after record. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** As many zeros as fields are written at most: their kinds (every field is plain). */
  readonly kinds: Uint8Array;
  private readonly exports: Exports;
  /** True while a scanner reads the loaded bytes (see RecordScanner.scan). */
  inUse = false;

  constructor(exports: Exports) {
    this.exports = exports;
    this.capacity = exports.INPUT_BYTES.value;
    this.memory = new Uint8Array(exports.memory.buffer);
    this.records = new Int32Array(exports.memory.buffer, exports.RECORDS.value);
    this.ends = new Int32Array(exports.memory.buffer, exports.ENDS.value, exports.ENDS_MAX.value);
    this.starts = new Int32Array(exports.memory.buffer, exports.STARTS.value, exports.ENDS_MAX.value);
    this.kinds = new Uint8Array(exports.ENDS_MAX.value);
  }

  /** Copies `bytes` in (at most {@link capacity}); returns them where they now are, for the records' offsets. */
  load(bytes: Uint8Array): Uint8Array {
    this.memory.set(bytes);
    return this.memory.subarray(0, bytes.length);
  }

  /**
   * Reads records of the loaded bytes from `from` to `n`; returns how many are written (blank
   * ones are passed over). {@link next} and {@link stop} then say where and why it stopped.
   */
  scan(from: number, n: number, final: boolean, delimiter: number): number {
    return this.exports.scan(from, n, final ? 1 : 0, delimiter);
  }

  get next(): number {
    return this.exports.next.value;
  }

  get stop(): PlainStop {
    return this.exports.status.value;
  }
}

let shared: PlainRecords | null | undefined;

/**
 * This thread's {@link PlainRecords}, made on first use; null where WebAssembly or its SIMD is
 * missing or refused (a page's content security policy), and the records are then read in
 * JavaScript alone.
 */
export function plainRecords(): PlainRecords | null {
  if (shared === undefined) {
    shared = null;
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      if (wasm) shared = new PlainRecords(new wasm.Instance(new wasm.Module(PLAIN_RECORDS_WASM), {}).exports as unknown as Exports);
    } catch {
      shared = null;
    }
  }
  return shared;
}
