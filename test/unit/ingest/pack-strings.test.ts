import { describe, expect, it } from 'vitest';
import { packStrings, unpackStrings } from '../../../src/core/index.ts';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('packStrings', () => {
  it('writes the same UTF-8 bytes as TextEncoder, with offsets', () => {
    const strings = ['17850', '', 'Zoë £', '€uro', 'emoji 🙂', '日本'];
    const packed = packStrings(strings);
    const expected = new TextEncoder().encode(strings.join(''));
    expect([...packed.data]).toEqual([...expected]);
    expect(packed.offsets[0]).toBe(0);
    expect(packed.offsets[strings.length]).toBe(expected.length);
    expect(unpackStrings(packed, decode)).toEqual(strings);
  });

  it('packs nothing to nothing', () => {
    const packed = packStrings([]);
    expect([...packed.offsets]).toEqual([0]);
    expect(unpackStrings(packed, decode)).toEqual([]);
  });
});
