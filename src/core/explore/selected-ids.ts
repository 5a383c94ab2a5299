import type { Utf8Values } from '../types.ts';

/** The ids of the customers a 0/1 mask selects, in customer order, decoded from their UTF-8 bytes. */
export function selectedIds(mask: ArrayLike<number>, ids: Utf8Values): string[] {
  const utf8 = new TextDecoder();
  const out: string[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(utf8.decode(ids.data.subarray(ids.offsets[i], ids.offsets[i + 1])));
  return out;
}
