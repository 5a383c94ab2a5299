import { afterEach, describe, expect, it, vi } from 'vitest';
import { readChunks } from '../../workers/sources/text-source.ts';
import { throttleProgress } from '../../workers/throttle-progress.ts';
import type { ReadableFile } from '../../src/core/index.ts';

/** A file whose stream gives the chunks listed, and tells whether its read was cancelled. */
function streamed(chunks: number[][]): { file: ReadableFile; cancelled: () => boolean } {
  let cancelled = false;
  const blob = new Blob(chunks.map((c) => new Uint8Array(c)));
  const file: ReadableFile = {
    size: blob.size,
    slice: (s, e) => blob.slice(s, e),
    arrayBuffer: () => blob.arrayBuffer(),
    stream: () => {
      let next = 0;
      return {
        getReader: () => ({
          read: async () => (next < chunks.length ? { done: false, value: new Uint8Array(chunks[next++]) } : { done: true }),
          cancel: async () => void (cancelled = true),
        }),
      };
    },
  };
  return { file, cancelled: () => cancelled };
}

describe('readChunks', () => {
  it('gives the stream\'s bytes in order, cut to the largest chunk allowed, the first one smaller', async () => {
    const { file, cancelled } = streamed([[1, 2, 3, 4, 5, 6, 7], [8], [9, 10, 11, 12]]);
    const seen: Array<[number[], number]> = [];
    for await (const { bytes, bytesRead } of readChunks(file, 3, 2)) seen.push([[...bytes], bytesRead]);
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
});
