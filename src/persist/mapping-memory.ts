import { normalizeHeader, type ColumnRole, type Mapping } from '../core/index.ts';

const PREFIX = 'segment-studio:mapping:';
const ROLES: ColumnRole[] = ['customer', 'date', 'order', 'amount', 'quantity', 'price', 'product', 'category', 'channel', 'cost', 'unitCost'];

/** Files with the same columns (names compared loosely, in order) share remembered roles. */
function key(header: readonly string[]): string {
  return PREFIX + header.map(normalizeHeader).join('|');
}

/**
 * The roles the analyst chose the last time a file with these columns was read, or null.
 * Stored by column name, in localStorage: a small preference, not data from the file.
 */
export function recallMapping(header: readonly string[]): Mapping | null {
  try {
    const raw = localStorage.getItem(key(header));
    if (!raw) return null;
    const byName = JSON.parse(raw) as Partial<Record<ColumnRole, string>>;
    const mapping: Mapping = { customer: -1, date: -1, order: null, amount: null, quantity: null, price: null, product: null, category: null, channel: null };
    for (const role of ROLES) {
      const name = byName[role];
      if (typeof name !== 'string') continue;
      const index = header.indexOf(name);
      if (index >= 0) mapping[role] = index;
    }
    // A mapping remembered before the cost roles recalls none: nothing recalled means no cost.
    return mapping;
  } catch {
    // Storage may be disabled or hold something unreadable: then there is nothing to recall.
    return null;
  }
}

export function rememberMapping(header: readonly string[], mapping: Mapping): void {
  const byName: Partial<Record<ColumnRole, string>> = {};
  for (const role of ROLES) {
    const index = mapping[role];
    if (index != null && index >= 0) byName[role] = header[index];
  }
  try {
    localStorage.setItem(key(header), JSON.stringify(byName));
  } catch {
    // Quota or privacy mode: the choice simply is not remembered.
  }
}
