import { describe, expect, it } from 'vitest';
import { blobInSteps } from '../../../src/persist/blob-in-steps.ts';

const bytes = (n: number, seed: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
};

const joined = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('blobInSteps', () => {
  it('holds the parts in order, byte for byte, whatever the step', async () => {
    // Parts smaller than a step, one of several steps, an empty one and views into a larger buffer.
    const big = bytes(1000, 7);
    const parts = [bytes(5, 1), big.subarray(100, 450), new Uint8Array(0), bytes(37, 2), big.subarray(0, 64), bytes(129, 3)];
    for (const step of [1, 16, 64, 100, 4096]) {
      const blob = await blobInSteps(parts, 'application/octet-stream', step);
      expect(blob.size).toBe(parts.reduce((n, p) => n + p.length, 0));
      expect(blob.type).toBe('application/octet-stream');
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(joined(parts));
    }
  });

  it('reads parts from a generator once, and makes an empty Blob of none', async () => {
    let made = 0;
    function* parts() {
      for (let i = 0; i < 4; i++) {
        made++;
        yield bytes(10 + i, i);
      }
    }
    const blob = await blobInSteps(parts(), '', 8);
    expect(made).toBe(4);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(joined([0, 1, 2, 3].map((i) => bytes(10 + i, i))));
    expect((await blobInSteps([])).size).toBe(0);
  });
});
