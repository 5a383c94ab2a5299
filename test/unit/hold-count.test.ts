import { describe, expect, it } from 'vitest';
import { HoldCount } from '../../src/core/index.ts';

describe('HoldCount', () => {
  it('counts holds, each released once however often, and frees its waiters when none is left', async () => {
    const count = new HoldCount();
    await count.whenFree();
    const a = count.hold();
    const b = count.hold();
    let free = false;
    void count.whenFree().then(() => (free = true));
    a();
    a();
    await Promise.resolve();
    expect(count.held).toBe(1);
    expect(free).toBe(false);
    const before = performance.now();
    b();
    await Promise.resolve();
    expect(free).toBe(true);
    expect(count.held).toBe(0);
    expect(count.lastRelease).toBeGreaterThanOrEqual(before);
  });
});
