import { releaseBuffers } from '../release-buffers.ts';
import type { HashPieces } from './row-columns.ts';

/** Rows are split into 2^PARTITION_BITS groups by hash, each small enough for a cache-resident table. */
const PARTITION_BITS = 8;
/** Bits in the filter that picks out candidate duplicates: 2 MiB, small enough to stay in cache. */
const FILTER_BITS = 1 << 24;
/**
 * Up to this many rows the filter's candidates are fewer than the rows by enough to pay for it.
 * Measured on random hashes with one key (vitest, shared two-core machine): at 5M rows filter
 * 90-130 ms against groups 410-490 ms, at 7.5M 180-590 against 1,900-2,150, at 10M about even.
 */
const FILTER_MAX_ROWS = 1 << 23;

/** A column the duplicates must agree on. */
export type DuplicateKey = Int32Array | Float64Array | Int16Array | Int8Array;

/**
 * Exact duplicate rows are found in two steps: this one, then {@link confirmRepeats}. Each row
 * comes with two 32-bit hashes of its raw bytes (see recordHashes); a row is a duplicate when an
 * earlier row has both hashes and the same parsed values in every column the analysis uses, so a false
 * match would need a 64-bit hash collision between rows that agree on everything analysed anyway.
 * This step reads every row, and runs in another worker for a file read in parts.
 *
 * The rows whose two hashes both repeat an earlier row's, as pairs `[row, first]` in one array:
 * `first` is the earliest row with those hashes. Pairs of one `first` come in row order. Reads
 * only the hashes, so it can run where the rest of the columns are not; they come in pieces, in
 * row order (a file read in parts has a piece per part), rows numbered across them.
 *
 * One hash table over millions of rows is far larger than the CPU caches, and every row missed
 * them. So the rows are split, in file order, into 256 groups by the top bits of the first hash
 * (equal rows land in the same group), each with a small table of its own. Up to about eight
 * million rows, bit filters of the hashes' low bits first pick out the rows whose hashes may
 * repeat (see filteredRows), and only those are grouped ('filter'); beyond that the filters
 * fill up and every row is grouped ('groups'). The filter's candidates went through one table
 * of their own before: at 5M rows (about 1.3M candidates) that table and its reads of the
 * hashes by row number missed the caches on every probe, 406-739 ms in Chromium against 261-393
 * ms grouped (a cold run per page, the bench file's hashes, shared machine at load 8-9).
 *
 * `hashesRead` is called once the hashes are read for the last time, before the tables are
 * built, so a caller done with them can free them there: at 10M rows the groups' copies (row
 * numbers and both hashes, 120 MB) would otherwise sit beside the hashes (80 MB). `method` is
 * chosen by size; tests set it to check both ways agree.
 */
export function repeatedRows(pieces: HashPieces, method?: 'filter' | 'groups', hashesRead?: () => void): Int32Array {
  let length = 0;
  for (const p of pieces) length += p.h1.length;
  method ??= length <= FILTER_MAX_ROWS ? 'filter' : 'groups';
  const candidates = method === 'filter' ? filteredRows(pieces, length) : null;
  if (candidates !== null && candidates.rows.length === 0) {
    hashesRead?.();
    return new Int32Array(0);
  }
  const groups = 1 << PARTITION_BITS;
  const shift = 32 - PARTITION_BITS;
  const start = new Int32Array(groups + 1);
  const count = candidates === null ? length : candidates.rows.length;
  if (candidates === null) {
    for (const { h1 } of pieces) for (let i = 0; i < h1.length; i++) start[(h1[i] >>> shift) + 1]++;
  } else {
    for (let k = 0; k < count; k++) start[(candidates.h1[k] >>> shift) + 1]++;
  }
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  // The hashes are copied into group order with their row: reading them through the row
  // numbers instead would jump across the whole column for every row.
  const next = start.slice(0, groups);
  const row = new Int32Array(count);
  const g1 = new Int32Array(count);
  const g2 = new Int32Array(count);
  if (candidates === null) {
    let base = 0;
    for (const { h1, h2 } of pieces) {
      for (let i = 0; i < h1.length; i++) {
        const at = next[h1[i] >>> shift]++;
        row[at] = base + i;
        g1[at] = h1[i];
        g2[at] = h2[i];
      }
      base += h1.length;
    }
  } else {
    for (let k = 0; k < count; k++) {
      const at = next[candidates.h1[k] >>> shift]++;
      row[at] = candidates.rows[k];
      g1[at] = candidates.h1[k];
      g2[at] = candidates.h2[k];
    }
    releaseBuffers(candidates.rows, candidates.h1, candidates.h2);
  }
  hashesRead?.();

  let largest = 0;
  for (let g = 0; g < groups; g++) largest = Math.max(largest, start[g + 1] - start[g]);
  let cap = 16;
  while (cap < largest * 2) cap <<= 1;
  const slots = new Int32Array(cap);
  let pairs = new Int32Array(256);
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const from = start[g];
    const to = start[g + 1];
    if (to - from < 2) continue;
    let size = 16;
    while (size < (to - from) * 2) size <<= 1;
    const mask = size - 1;
    slots.fill(-1, 0, size);
    for (let k = from; k < to; k++) {
      let s = (g1[k] ^ Math.imul(g2[k], 0x9e3779b1)) & mask;
      for (;;) {
        const j = slots[s];
        if (j < 0) {
          slots[s] = k;
          break;
        }
        if (g1[j] === g1[k] && g2[j] === g2[k]) {
          if (n + 2 > pairs.length) {
            const more = new Int32Array(pairs.length * 2);
            more.set(pairs);
            pairs = more;
          }
          pairs[n++] = row[k];
          pairs[n++] = row[j];
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
  // Not left for a collection: the step after this one allocates little to prompt it.
  releaseBuffers(row, g1, g2, slots);
  return pairs.slice(0, n);
}

/**
 * The duplicates among {@link repeatedRows}' pairs, in ascending order: the rows whose keys equal
 * those of an earlier row with the same hashes. Rows differing in a key despite equal hashes (a
 * 64-bit collision) are told apart: each is compared with every distinct earlier row of its
 * hashes. `lineOf`, when rows were left out after the hashes were taken: each row's index among
 * the rows kept (-1 for a row left out), the index `keys` and the answer use. A list, not a
 * mark per row: duplicates are few, and marking them cost a pass over millions of rows.
 */
export function confirmRepeats(pairs: Int32Array, keys: ReadonlyArray<DuplicateKey>, lineOf: Int32Array | null = null): Int32Array {
  const dup = new Int32Array(pairs.length >>> 1);
  let found = 0;
  /** Earlier rows of a `first` whose keys differ from its own (or when it was left out): rare. */
  let others: Map<number, number[]> | null = null;
  for (let p = 0; p < pairs.length; p += 2) {
    const k = lineOf ? lineOf[pairs[p]] : pairs[p];
    const first = pairs[p + 1];
    const j = lineOf ? lineOf[first] : first;
    if (k < 0) continue;
    if (j >= 0 && sameKeys(keys, k, j)) {
      dup[found++] = k;
      continue;
    }
    const seen = (others ??= new Map<number, number[]>()).get(first);
    if (seen?.some((r) => sameKeys(keys, k, r))) dup[found++] = k;
    else if (seen) seen.push(k);
    else others.set(first, [k]);
  }
  // Each row is in one pair at most: the rows are distinct, and only need ordering.
  return dup.subarray(0, found).sort();
}

/**
 * {@link confirmRepeats} for lines in runs, in order (a file read in parts has one per part, not
 * copied into one): `keys[r]` are run r's key columns, `lengths[r]` its length, lines numbered
 * across the runs. The lines the pairs name (few, usually) are gathered into one short run
 * first. `lineOf` only with a single run (rows are left out of one run only: see datedLines).
 */
export function confirmRepeatsInSpans(pairs: Int32Array, keys: ReadonlyArray<ReadonlyArray<DuplicateKey>>, lengths: ReadonlyArray<number>, lineOf: Int32Array | null = null): Int32Array {
  if (keys.length === 1) return confirmRepeats(pairs, keys[0], lineOf);
  if (lineOf) throw new Error('confirmRepeatsInSpans: lineOf needs the lines in one run');
  const named = pairs.slice().sort();
  let count = 0;
  for (let i = 0; i < named.length; i++) if (i === 0 || named[i] !== named[i - 1]) named[count++] = named[i];
  const lines = named.subarray(0, count);
  const index = new Map<number, number>();
  for (let u = 0; u < count; u++) index.set(lines[u], u);
  const gathered = keys[0].map((column) => new (column.constructor as new (n: number) => DuplicateKey)(count));
  for (let u = 0, run = 0, start = 0; u < count; u++) {
    while (lines[u] >= start + lengths[run]) start += lengths[run++];
    const own = keys[run];
    for (let k = 0; k < own.length; k++) gathered[k][u] = own[k][lines[u] - start];
  }
  const compact = new Int32Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) compact[p] = index.get(pairs[p])!;
  // Compact indices ascend with the lines they stand for.
  return confirmRepeats(compact, gathered).map((u) => lines[u]);
}

/**
 * The rows that may repeat an earlier or later row, ascending, with their hashes: those whose first hash's bit in
 * a filter (`h1 & mask`) is set by another row too, and of those, the ones whose second hash's
 * bit is set by another of them too (a row of a repeated pair passes both). The first filter
 * alone let through about 1.3M of 5M rows, nearly all only sharing a bit with another row, and
 * a second pass over every row to pick them out again, grouping them and building their tables
 * were most of the search; about one in thirteen passes the second filter. Each filter is two
 * passes over bits that stay in cache.
 */
function filteredRows(pieces: HashPieces, length: number): { rows: Int32Array; h1: Int32Array; h2: Int32Array } {
  let size = 1024;
  while (size < length * 8 && size < FILTER_BITS) size *= 2;
  const mask = size - 1;
  let seen = new Int32Array(size >>> 5);
  const again = new Int32Array(size >>> 5);
  let any = 0;
  for (const { h1 } of pieces) {
    for (let i = 0; i < h1.length; i++) {
      const b = h1[i] & mask;
      const word = b >>> 5;
      const bit = 1 << (b & 31);
      if (seen[word] & bit) {
        again[word] |= bit;
        any = 1;
      } else seen[word] |= bit;
    }
  }
  releaseBuffers(seen);
  if (!any) {
    releaseBuffers(again);
    return { rows: new Int32Array(0), h1: new Int32Array(0), h2: new Int32Array(0) };
  }
  // Room for every row: only the pages written are memory taken.
  const rows = new Int32Array(length);
  seen = new Int32Array(size >>> 5);
  const again2 = new Int32Array(size >>> 5);
  let n = 0;
  let base = 0;
  for (const { h1, h2 } of pieces) {
    for (let i = 0; i < h1.length; i++) {
      const b = h1[i] & mask;
      if ((again[b >>> 5] & (1 << (b & 31))) === 0) continue;
      rows[n++] = base + i;
      const b2 = h2[i] & mask;
      const word = b2 >>> 5;
      const bit = 1 << (b2 & 31);
      if (seen[word] & bit) again2[word] |= bit;
      else seen[word] |= bit;
    }
    base += h1.length;
  }
  releaseBuffers(seen, again);
  // The rows through both, with their hashes, so grouping them reads no piece again.
  let kept = 0;
  const h1s = new Int32Array(n);
  const h2s = new Int32Array(n);
  for (let k = 0, p = 0, at = 0; k < n; k++) {
    const r = rows[k];
    while (r >= at + pieces[p].h1.length) at += pieces[p++].h1.length;
    const h2 = pieces[p].h2[r - at];
    const b2 = h2 & mask;
    if ((again2[b2 >>> 5] & (1 << (b2 & 31))) === 0) continue;
    rows[kept] = r;
    h1s[kept] = pieces[p].h1[r - at];
    h2s[kept++] = h2;
  }
  releaseBuffers(again2);
  const out = { rows: rows.slice(0, kept), h1: h1s.slice(0, kept), h2: h2s.slice(0, kept) };
  releaseBuffers(rows, h1s, h2s);
  return out;
}

function sameKeys(keys: ReadonlyArray<DuplicateKey>, i: number, j: number): boolean {
  for (const k of keys) if (!Object.is(k[i], k[j])) return false;
  return true;
}
