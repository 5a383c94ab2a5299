import { afterEach, describe, expect, it, vi } from 'vitest';
import { readChunks } from '../../workers/sources/text-source.ts';
import { PAGE_PROGRESS_MS, throttleProgress } from '../../workers/throttle-progress.ts';
import type { ReadableFile } from '../../src/core/index.ts';

/** A file whose stream gives the chunks listed, and tells whether its read was cancelled. */
function streamed(chunks: number[][]): { file: ReadableFile; cancelled: () => boolean } {
  let cancelled = false;
  const blob = new Blob(chunks.map((c) => new Uint8Array(c)));
  const file: ReadableFile = {
    size: blob.size,
    slice: (s, e) => blob.slice(s, e),
    arrayBuffer: () => blob.arrayBuffer(),
    // A stream without a BYOB reader, as some browsers' file streams are.
    stream: () => {
      let next = 0;
      return {
        getReader: (options?: { mode: 'byob' }) => {
          if (options?.mode === 'byob') throw new TypeError('no BYOB reader');
          return {
            read: async () => (next < chunks.length ? { done: false, value: new Uint8Array(chunks[next++]) } : { done: true }),
            cancel: async () => void (cancelled = true),
          };
        },
      } as ReturnType<ReadableFile['stream']>;
    },
  };
  return { file, cancelled: () => cancelled };
}

describe('readChunks', () => {
  it('gives the stream\'s bytes in order, cut to the largest chunk allowed, the first one smaller', async () => {
    const { file, cancelled } = streamed([[1, 2, 3, 4, 5, 6, 7], [8], [9, 10, 11, 12]]);
    const seen: Array<[number[], number]> = [];
    for await (const { bytes, bytesRead } of readChunks(file, 3, { firstMaxBytes: 2 })) seen.push([[...bytes], bytesRead]);
    expect(seen).toEqual([
      [[1, 2], 2],
      [[3, 4, 5], 5],
      [[6, 7], 7],
      [[8], 8],
      [[9, 10, 11], 11],
      [[12], 12],
    ]);
    expect(cancelled()).toBe(false);
  });

  it('stops the read when the reader stops early', async () => {
    const { file, cancelled } = streamed([[1, 2], [3, 4], [5, 6]]);
    for await (const { bytesRead } of readChunks(file, 10)) if (bytesRead >= 2) break;
    expect(cancelled()).toBe(true);
  });

  it('reads a Blob whole, however large the chunks', async () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 255);
    const parts: Uint8Array[] = [];
    for await (const { bytes: b } of readChunks(new Blob([bytes]), 4096)) parts.push(b.slice());
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    // toEqual walks 300k elements as objects (5 s on a busy machine): compare the bytes.
    expect(joined.length).toBe(bytes.length);
    expect(Buffer.compare(joined, bytes)).toBe(0);
  });
});

describe('readChunks in place', () => {
  const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 255);

  it('reads a Blob whole into one buffer: each chunk is gone once the next is read', async () => {
    const parts: Uint8Array[] = [];
    let previous: Uint8Array | null = null;
    let first = true;
    for await (const { bytes: b, bytesRead } of readChunks(new Blob([bytes]), 4096, { firstMaxBytes: 100, inPlace: true })) {
      expect(b.length).toBeLessThanOrEqual(first ? 100 : 4096);
      expect(b.length).toBeGreaterThan(0);
      first = false;
      // The buffer moved on to this read: a view kept from the last one is empty.
      if (previous) expect(previous.length).toBe(0);
      previous = b;
      parts.push(b.slice());
      expect(bytesRead).toBe(parts.reduce((n, p) => n + p.length, 0));
    }
    expect(parts.length).toBeGreaterThan(70);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    expect(Buffer.compare(joined, bytes)).toBe(0);
  });

  it('falls back to fresh chunks where the stream has no BYOB reader', async () => {
    const { file } = streamed([[1, 2, 3], [4, 5]]);
    const kept: Uint8Array[] = [];
    for await (const { bytes: b } of readChunks(file, 2, { inPlace: true })) kept.push(b);
    expect(kept.map((b) => [...b])).toEqual([[1, 2], [3], [4, 5]]);
  });

  it('stops the read when the reader stops early', async () => {
    let cancelled = false;
    const blob = new Blob([bytes]);
    const file: ReadableFile = { size: blob.size, slice: (s, e) => blob.slice(s, e), arrayBuffer: () => blob.arrayBuffer(), stream: () => {
      const stream = blob.stream();
      return { getReader: (o?: { mode: 'byob' }) => {
        const r = o ? stream.getReader(o) : stream.getReader();
        const cancel = r.cancel.bind(r);
        r.cancel = async (reason?: unknown) => { cancelled = true; return cancel(reason); };
        return r;
      } } as ReturnType<ReadableFile['stream']>;
    } };
    for await (const { bytesRead } of readChunks(file, 1024, { inPlace: true })) if (bytesRead >= 2048) break;
    expect(cancelled).toBe(true);
  });
});

describe('throttleProgress', () => {
  afterEach(() => void vi.useRealTimers());

  it('passes a report on at most every 50 ms, and always the last one', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const sent: number[] = [];
    const report = throttleProgress(100, (b) => sent.push(b));
    report(10);
    vi.advanceTimersByTime(20);
    report(20);
    vi.advanceTimersByTime(40);
    report(30);
    report(40);
    report(100);
    expect(sent).toEqual([10, 30, 100]);
  });

  it('passes reports to the page four times a second at most', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const sent: number[] = [];
    const report = throttleProgress(100, (b) => sent.push(b), PAGE_PROGRESS_MS);
    expect(PAGE_PROGRESS_MS).toBe(250);
    for (let b = 1; b < 100; b++) {
      report(b);
      vi.advanceTimersByTime(50);
    }
    report(100);
    // Reports at 0, 250, 500... ms: one in five, and the last.
    expect(sent).toEqual([...Array.from({ length: 20 }, (_, i) => 1 + 5 * i), 100]);
  });
});
