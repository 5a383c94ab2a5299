import { describe, expect, it } from 'vitest';
import { packCustomers, packStrings, unpackCustomers, unpackStrings } from '../../../src/core/index.ts';

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

  it('round-trips many ids, plain ASCII or with one accented id among them', () => {
    const ascii = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? '' : `CUST${i * 7919}`));
    expect(unpackStrings(packStrings(ascii), decode)).toEqual(ascii);
    const mixed = [...ascii.slice(0, 500), 'Zoë', ...ascii.slice(500)];
    expect(unpackStrings(packStrings(mixed), decode)).toEqual(mixed);
  });

  it('packs nothing to nothing', () => {
    const packed = packStrings([]);
    expect([...packed.offsets]).toEqual([0]);
    expect(unpackStrings(packed, decode)).toEqual([]);
  });
});

describe('unpackCustomers', () => {
  it('gives back the table packCustomers packed, decoding the ids only when first read', () => {
    const table = {
      n: 3,
      ids: ['c1', 'Zoë', 'ab'],
      firstDay: Int32Array.of(1, 2, 3),
      lastDay: Int32Array.of(4, 5, 6),
      frequency: Uint32Array.of(1, 2, 3),
      monetary: Float64Array.of(1.5, 2.5, 3.5),
    };
    let decoded = 0;
    const decoder = new TextDecoder();
    const unpacked = unpackCustomers(packCustomers(table), (b) => {
      decoded++;
      return decoder.decode(b);
    });
    expect([...unpacked.monetary]).toEqual([1.5, 2.5, 3.5]);
    expect(decoded).toBe(0);
    expect(unpacked.ids).toEqual(table.ids);
    const calls = decoded;
    expect(calls).toBeGreaterThan(0);
    expect(unpacked.ids).toEqual(table.ids);
    expect(decoded).toBe(calls);
    expect({ ...unpacked }).toEqual(table);
  });
});
