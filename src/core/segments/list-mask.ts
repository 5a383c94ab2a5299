/**
 * The customers of a fixed list as a 0/1 mask over the customer table: 1 where the customer's
 * id (as the file writes it) is in `list`. Ids in the list that the table does not have (another
 * file, a narrower date window) match no one.
 */
export function listMask(list: readonly string[], ids: readonly string[]): Uint8Array {
  const wanted = new Set(list);
  const mask = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) if (wanted.has(ids[i])) mask[i] = 1;
  return mask;
}
