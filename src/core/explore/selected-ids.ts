import type { Utf8Values } from '../types.ts';

/** The ids of the customers a 0/1 mask selects, in customer order, decoded from their UTF-8 bytes. */
export function selectedIds(mask: ArrayLike<number>, ids: Utf8Values): string[] {
  const utf8 = new TextDecoder();
  const out: string[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(utf8.decode(ids.data.subarray(ids.offsets[i], ids.offsets[i + 1])));
  return out;
}

/**
 * The 0/1 mask of the customers whose ids are in `list` (the inverse of selectedIds); ids of the
 * list that no customer has are left out, and counted in `missing`.
 */
export function maskOfIds(list: readonly string[], ids: Utf8Values): { mask: Uint8Array; missing: number } {
  const n = ids.offsets.length - 1;
  const wanted = new Set(list);
  const mask = new Uint8Array(n);
  let found = 0;
  const id = idReader(ids);
  for (let i = 0; i < n; i++) {
    if (wanted.has(id(i))) {
      mask[i] = 1;
      found++;
    }
  }
  return { mask, missing: wanted.size - found };
}

/** Reads id i. ASCII ids (the usual case) are slices of one decoded string: one decode, not one per customer. */
function idReader(ids: Utf8Values): (i: number) => string {
  const { data, offsets } = ids;
  const end = offsets[offsets.length - 1] ?? 0;
  let ascii = true;
  for (let b = 0; b < end; b++) {
    if (data[b]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const all = new TextDecoder().decode(data.subarray(0, end));
    return (i) => all.slice(offsets[i], offsets[i + 1]);
  }
  const utf8 = new TextDecoder();
  return (i) => utf8.decode(data.subarray(offsets[i], offsets[i + 1]));
}
