import { describe, expect, it } from 'vitest';
import { LAST_VERSION_KEY, takeVersionChange } from '../../../src/bridge/app-version.ts';

function memory(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [[LAST_VERSION_KEY, initial]]);
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('takeVersionChange', () => {
  it('says nothing on a first visit, and remembers the version', () => {
    const store = memory();
    expect(takeVersionChange('1.0.0+a', () => store)).toBeNull();
    expect(store.items.get(LAST_VERSION_KEY)).toBe('1.0.0+a');
  });

  it('gives the previous version once when the version changed', () => {
    const store = memory('1.0.0+a');
    expect(takeVersionChange('1.0.0+b', () => store)).toBe('1.0.0+a');
    expect(takeVersionChange('1.0.0+b', () => store)).toBeNull();
  });

  it('says nothing, and never throws, when storage is refused or the page has no version', () => {
    expect(takeVersionChange('1.0.0+b', () => { throw new DOMException('denied', 'SecurityError'); })).toBeNull();
    const store = memory('1.0.0+a');
    expect(takeVersionChange(null, () => store)).toBeNull();
    expect(store.items.get(LAST_VERSION_KEY)).toBe('1.0.0+a');
  });
});
