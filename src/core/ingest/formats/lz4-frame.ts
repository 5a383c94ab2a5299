const FRAME_MAGIC = 0x184d2204;
/** Skippable frames: magic 0x184D2A50 .. 0x184D2A5F, then a 4-byte length. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

const u32 = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** Output that grows as blocks are decoded; matches may reach back into earlier blocks. */
class Output {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 1024));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.length + extra, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

function corrupt(reason: string): Error {
  return new Error(`LZ4 data is damaged (${reason})`);
}

/** Decodes one LZ4 block (`input[start, end)`) onto the end of `out`. */
function decodeBlock(input: Uint8Array, start: number, end: number, out: Output): void {
  let i = start;
  while (i < end) {
    const token = input[i++];
    let literals = token >>> 4;
    if (literals === 15) {
      let b: number;
      do {
        if (i >= end) throw corrupt('literal length runs past the block');
        b = input[i++];
        literals += b;
      } while (b === 255);
    }
    if (i + literals > end) throw corrupt('literals run past the block');
    out.reserve(literals);
    out.bytes.set(input.subarray(i, i + literals), out.length);
    out.length += literals;
    i += literals;
    // The last sequence of a block has literals only.
    if (i >= end) break;
    if (i + 2 > end) throw corrupt('match offset cut off');
    const offset = input[i] | (input[i + 1] << 8);
    i += 2;
    if (offset === 0 || offset > out.length) throw corrupt('match offset outside the data');
    let length = token & 15;
    if (length === 15) {
      let b: number;
      do {
        if (i >= end) throw corrupt('match length runs past the block');
        b = input[i++];
        length += b;
      } while (b === 255);
    }
    length += 4;
    out.reserve(length);
    const bytes = out.bytes;
    let from = out.length - offset;
    let to = out.length;
    // Byte by byte: a match may overlap the bytes it is producing (offset < length repeats them).
    for (const stop = to + length; to < stop; ) bytes[to++] = bytes[from++];
    out.length = to;
  }
}

/**
 * Decompresses data in the LZ4 frame format (magic 0x184D2204), as Arrow IPC files use for
 * LZ4-compressed buffers (pandas and R write Feather files that way by default). Handles
 * linked and independent blocks, uncompressed blocks, optional checksums (skipped, not
 * verified), content size, dictionary ids, several frames in a row and skippable frames.
 * Throws on damaged input.
 */
export function decodeLz4Frame(input: Uint8Array): Uint8Array {
  const out = new Output(input.length * 4);
  let i = 0;
  while (i < input.length) {
    if (i + 4 > input.length) throw corrupt('frame cut off');
    const magic = u32(input, i);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      i += 8 + u32(input, i + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw corrupt('not an LZ4 frame');
    const flags = input[i + 4];
    if (flags >>> 6 !== 1) throw corrupt('unknown frame version');
    const blockChecksum = (flags & 0x10) !== 0;
    const contentSize = (flags & 0x08) !== 0;
    const contentChecksum = (flags & 0x04) !== 0;
    const dictId = (flags & 0x01) !== 0;
    // Magic, FLG, BD, then the optional content size and dictionary id, then the header checksum.
    i += 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1;
    for (;;) {
      if (i + 4 > input.length) throw corrupt('block cut off');
      const size = u32(input, i);
      i += 4;
      if (size === 0) break;
      const stored = (size & 0x80000000) !== 0;
      const length = size & 0x7fffffff;
      if (i + length > input.length) throw corrupt('block cut off');
      if (stored) {
        out.reserve(length);
        out.bytes.set(input.subarray(i, i + length), out.length);
        out.length += length;
      } else {
        decodeBlock(input, i, i + length, out);
      }
      i += length + (blockChecksum ? 4 : 0);
    }
    if (contentChecksum) i += 4;
  }
  return out.bytes.subarray(0, out.length);
}
