import { describe, expect, it } from 'vitest';
import { releaseBuffers } from '../../src/core/index.ts';

describe('releaseBuffers', () => {
  it('detaches each array\'s buffer, so it and every view of it read as empty; skips null, empty and released ones', () => {
    const a = Float64Array.from([1, 2, 3]);
    const view = new Int32Array(a.buffer, 8, 2);
    const b = new Uint8Array(5);
    releaseBuffers(a, null, undefined, new Uint8Array(0), b);
    expect(a.length).toBe(0);
    expect(view.length).toBe(0);
    expect(b.buffer.byteLength).toBe(0);
    expect(() => releaseBuffers(a, b)).not.toThrow();
  });
});
