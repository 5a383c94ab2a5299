import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frame } from '../../../../src/core/index.ts';

const MAGIC = [0x04, 0x22, 0x4d, 0x18];
const u32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
/** A frame (FLG: version 1, independent blocks; BD: 64 KB) around the given blocks. */
const frame = (...blocks: number[][]) => new Uint8Array([...MAGIC, 0x60, 0x40, 0x00, ...blocks.flatMap((b) => [...u32(b.length), ...b]), ...u32(0)]);

describe('decodeLz4Frame(input)', () => {
  it('decodes what the reference lz4 command wrote: linked 64 KB blocks, block checksums, content size', () => {
    // The same text scripts/make-format-fixtures.mjs compressed into lines.txt.lz4.
    const text = Array.from({ length: 2500 }, (_, i) => `customer-${i % 97},2024-01-${String((i % 28) + 1).padStart(2, '0')},${((i * 7) % 1000) / 4}\n`).join('');
    const lz4 = new Uint8Array(readFileSync(new URL('../../../fixtures/formats/lines.txt.lz4', import.meta.url)));
    expect(new TextDecoder().decode(decodeLz4Frame(lz4))).toBe(text);
  });

  it('repeats bytes when a match overlaps what it produces, and takes stored blocks and frames in a row', () => {
    // "ab", then a match 1 back of 4 + 2 bytes ("bbbbbb"), then the literals "xyz".
    const block = [0x22, 0x61, 0x62, 0x01, 0x00, 0x30, 0x78, 0x79, 0x7a];
    const stored = [...u32(0x80000003), 0x31, 0x32, 0x33, ...u32(0)];
    const storedFrame = [...MAGIC, 0x60, 0x40, 0x00, ...stored];
    const bytes = new Uint8Array([...frame(block), ...storedFrame]);
    expect(new TextDecoder().decode(decodeLz4Frame(bytes))).toBe('abbbbbbbxyz123');
  });

  it('reads long literal and match lengths from their extra bytes', () => {
    // 20 literals (15 + 5), then a match of 300 (4 + 15 + 255 + 26) one byte back, then "!".
    const literals = Array.from({ length: 20 }, () => 0x61);
    const block = [0xff, 5, ...literals, 0x01, 0x00, 255, 26, 0x10, 0x21];
    expect(decodeLz4Frame(frame(block))).toEqual(new Uint8Array([...Array(320).fill(0x61), 0x21]));
  });

  it('says when the data is damaged', () => {
    expect(() => decodeLz4Frame(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/not an LZ4 frame/);
    expect(() => decodeLz4Frame(frame([0x10, 0x61, 0x05, 0x00, 0x00]))).toThrow(/offset outside/);
    expect(() => decodeLz4Frame(frame([0x50, 0x61]))).toThrow(/past the block/);
    expect(() => decodeLz4Frame(frame([0x10, 0x61]).subarray(0, 12))).toThrow(/cut off/);
  });
});
