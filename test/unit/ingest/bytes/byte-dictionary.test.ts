import { describe, expect, it } from 'vitest';
import { ByteDictionary, packStrings, seededRandom } from '../../../../src/core/index.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('ByteDictionary', () => {
  it('gives dense codes in order of first appearance', () => {
    const d = new ByteDictionary(2);
    const codes = ['b', 'a', 'b', 'ccc', 'a', '', 'ccc'].map((s) => {
      const b = enc.encode(`xx${s}yy`);
      return d.intern(b, 2, b.length - 2);
    });
    expect(codes).toEqual([0, 1, 0, 2, 1, 3, 2]);
    expect(d.values((b) => dec.decode(b))).toEqual(['b', 'a', 'ccc', '']);
  });

  it('packs the values of given codes from their bytes as packStrings packs their text, when every value is ASCII', () => {
    const values = ['C17850', 'b', '', 'C13047', 'x y'];
    const d = new ByteDictionary(2);
    for (const v of values) {
      const b = enc.encode(v);
      d.intern(b, 0, b.length);
    }
    for (const codes of [[0, 1, 2, 3, 4], [3, 0, 4], [], [2, 2, 1]]) {
      expect(d.packValues(Int32Array.from(codes))).toEqual(packStrings(codes.map((c) => values[c])));
    }
    const accented = new ByteDictionary(2);
    for (const v of ['Zoë', 'a']) {
      const b = enc.encode(v);
      accented.intern(b, 0, b.length);
    }
    // Bytes other than ASCII may not be the UTF-8 of the text they decode to (Windows-1252): not packed.
    expect(accented.packValues(Int32Array.from([1]))).toBeNull();
  });

  it('packs long runs of ascending codes with gaps as packStrings packs their text', () => {
    const d = new ByteDictionary(4);
    const values = Array.from({ length: 5000 }, (_, i) => (i === 0 ? '' : i % 7 === 0 ? `${i}` : `CUST${i * 31}`));
    for (const v of values) {
      const b = enc.encode(v);
      d.intern(b, 0, b.length);
    }
    const rand = seededRandom(5);
    const codes = values.map((_, c) => c).filter(() => rand() > 0.02);
    expect(d.packValues(Int32Array.from(codes))).toEqual(packStrings(codes.map((c) => values[c])));
  });

  it('says a dictionary is no longer ASCII once a value that is not is added', () => {
    const d = new ByteDictionary(2);
    for (const v of ['a', 'bc']) d.intern(enc.encode(v), 0, v.length);
    expect(d.isAscii()).toBe(true);
    const accented = enc.encode('Zoë');
    d.intern(accented, 0, accented.length);
    expect(d.isAscii()).toBe(false);
    expect(d.packValues(Int32Array.from([0, 1]))).toBeNull();
  });

  it('finds a byte above 127 wherever it is in the values, read four bytes at a time or one', () => {
    // Values of 1 to 13 bytes, about 40 KB in all: the byte goes at the start (before the first
    // whole word), in the words of several blocks, and in the last bytes.
    const values = Array.from({ length: 5000 }, (_, i) => `v${i}`.padEnd(1 + (i % 13), 'x'));
    // Three bytes past the last whole word, read one at a time.
    const words = values.reduce((n, v) => n + v.length, 0);
    const need = (7 - (words % 4)) % 4;
    values.push('t'.repeat(need === 0 ? 4 : need));
    const total = values.reduce((n, v) => n + v.length, 0);
    expect(total % 4).toBe(3);
    for (const at of [0, 1, 2, 3, 4, 5, 4097 * 4 + 2, Math.floor(total / 2), total - 5, total - 2, total - 1]) {
      const d = new ByteDictionary(8);
      let seen = 0;
      for (const v of values) {
        const b = enc.encode(v);
        if (at >= seen && at < seen + b.length) b[at - seen] = 0xe9;
        seen += b.length;
        d.intern(b, 0, b.length);
      }
      expect(d.isAscii(), `byte ${at}`).toBe(false);
    }
    // Checked once after 3 bytes: the next check starts mid-word.
    const later = new ByteDictionary(8);
    later.intern(enc.encode('abc'), 0, 3);
    expect(later.isAscii()).toBe(true);
    // é in Windows-1252, one byte, then plain ones.
    const accented = Uint8Array.of(0xe9, 97, 98, 99, 100, 101, 102, 103);
    later.intern(accented, 0, accented.length);
    expect(later.isAscii()).toBe(false);
    const plain = new ByteDictionary(8);
    for (const v of values) plain.intern(enc.encode(v), 0, v.length);
    expect(plain.isAscii()).toBe(true);
  });

  it('keeps 100,000 distinct values apart through many rehashes, like a Map does', () => {
    const d = new ByteDictionary(4);
    const reference = new Map<string, number>();
    for (let i = 0; i < 200_000; i++) {
      const s = `C${(i * 7919) % 100_000}`;
      const b = enc.encode(s);
      const code = d.intern(b, 0, b.length);
      if (!reference.has(s)) reference.set(s, reference.size);
      if (code !== reference.get(s)) throw new Error(`${s}: ${code} != ${reference.get(s)}`);
    }
    expect(d.size).toBe(100_000);
  });

  it('gives the same codes as a Map whether ids ascend, ascend for a while, or share trailing numbers', () => {
    const cases = [
      Array.from({ length: 5000 }, (_, i) => `O${1000 + i}`),
      // Ascending, then an old id again, then more new ones (the hash table takes over).
      [...Array.from({ length: 3000 }, (_, i) => `${536365 + i}`), '536400', 'C536401', '536401', '999999', '536365'],
      // Same trailing number, other prefix; more digits than a double holds exactly.
      ['A5', 'B5', 'A5', 'x1234567890123456789', 'x1234567890123456788', 'x1234567890123456789', '', 'tail-', ''],
    ];
    for (const ids of cases) {
      const d = new ByteDictionary(4);
      const reference = new Map<string, number>();
      const codes = ids.map((s) => {
        const b = enc.encode(`"${s}"`);
        return d.intern(b, 1, b.length - 1);
      });
      const expected = ids.map((s) => {
        if (!reference.has(s)) reference.set(s, reference.size);
        return reference.get(s);
      });
      expect(codes).toEqual(expected);
      expect(d.values((b) => dec.decode(b))).toEqual([...reference.keys()]);
    }
  });

  it('joins another dictionary\'s values, ascending or not, to the codes it already has', () => {
    const first = new ByteDictionary();
    const second = new ByteDictionary();
    const put = (d: ByteDictionary, s: string) => d.intern(enc.encode(s), 0, enc.encode(s).length);
    for (let i = 0; i < 1000; i++) put(first, `O${i}`);
    for (let i = 990; i < 2000; i++) put(second, `O${i}`);
    put(second, 'O5');
    const map = second.internAll(second.rawValues());
    expect([...map]).toEqual(Array.from({ length: second.size }, (_, c) => c));
    const joined = first.internAll(second.rawValues());
    expect(joined[0]).toBe(990);
    expect(joined[10]).toBe(1000);
    expect(joined[second.size - 1]).toBe(5);
    expect(first.size).toBe(2000);
  });

  it('joins ascending values that follow its own in one copy, with the codes one by one would give', () => {
    const put = (d: ByteDictionary, s: string) => d.intern(enc.encode(s), 0, enc.encode(s).length);
    // [first's ids, second's ids]: second starts on first's last id (an order cut by the split),
    // after it, below it, or is not ascending at all.
    const cases: Array<[string[], string[]]> = [
      [ids('O', 0, 1000), ids('O', 999, 2000)],
      [ids('O', 0, 1000), ids('C', 1000, 1500)],
      [ids('O', 0, 1000), ids('O', 500, 1500)],
      [ids('O', 0, 1000), [...ids('O', 1000, 1100), 'O5']],
      [[...ids('O', 0, 10), 'x'], ids('O', 10, 50)],
      [[], ids('O', 0, 3)],
    ];
    for (const [a, b] of cases) {
      const first = new ByteDictionary(4);
      const second = new ByteDictionary(4);
      for (const s of a) put(first, s);
      for (const s of b) put(second, s);
      const reference = new Map<string, number>(a.map((s, i) => [s, i]));
      const expected = second.values((x) => dec.decode(x)).map((s) => {
        if (!reference.has(s)) reference.set(s, reference.size);
        return reference.get(s);
      });
      expect([...first.internAll(second.exportValues())]).toEqual(expected);
      expect(first.values((x) => dec.decode(x))).toEqual([...reference.keys()]);
      // Still a working dictionary afterwards: old and new values are found, not added again.
      for (const s of [...b, ...a, 'O5']) expect(put(first, s)).toBe(reference.get(s) ?? reference.size);
    }
  });

  it('joins ascending values handed over where they are, copies them when next read, then frees them', () => {
    const put = (d: ByteDictionary, s: string) => d.intern(enc.encode(s), 0, enc.encode(s).length);
    const reads: Array<[string, (d: ByteDictionary) => unknown]> = [
      ['values', (d) => d.values((b) => dec.decode(b))],
      ['bytesOf', (d) => dec.decode(d.bytesOf(d.size - 1))],
      ['rawValues', (d) => d.rawValues()],
      ['packValues', (d) => d.packValues(Int32Array.from([0, 1999, 1000]))],
      ['exportValues', (d) => d.exportValues()],
      ['intern', (d) => put(d, 'O1500')],
      ['intern new', (d) => put(d, 'O99999')],
    ];
    for (const [name, read] of reads) {
      const make = () => {
        const first = new ByteDictionary(4);
        for (const s of ids('O', 0, 1000)) put(first, s);
        const part = new ByteDictionary(4);
        for (const s of ids('O', 999, 2000)) put(part, s);
        return { first, values: part.exportValues() };
      };
      const { first, values } = make();
      const map = first.internAll(values, true);
      expect([map[0], map[1], map[1000]]).toEqual([999, 1000, 1999]);
      // Kept where they are: not read yet.
      expect(values.data.buffer.byteLength).toBeGreaterThan(0);
      expect(first.bytes).toBe(ids('O', 0, 2000).join('').length);
      expect(first.isAscii()).toBe(true);
      const got = read(first);
      // Copied and freed once read, with what a dictionary that copied at once gives.
      expect(values.data.buffer.byteLength, name).toBe(0);
      const plain = new ByteDictionary(4);
      for (const s of ids('O', 0, 2000)) put(plain, s);
      expect(got, name).toEqual(read(plain));
      expect(first.values((b) => dec.decode(b)), name).toEqual(plain.values((b) => dec.decode(b)));
    }
    // A second part joined after the first, cut inside an order or not: neither is copied until read.
    for (const from of [1999, 2000]) {
      const first = new ByteDictionary(4);
      for (const s of ids('O', 0, 1000)) put(first, s);
      const parts = [ids('O', 999, 2000), ids('O', from, 3000)].map((list) => {
        const d = new ByteDictionary(4);
        for (const s of list) put(d, s);
        return d.exportValues();
      });
      const maps = parts.map((values) => first.internAll(values, true));
      expect(parts.every((v) => v.data.buffer.byteLength > 0)).toBe(true);
      expect([maps[1][0], maps[1][maps[1].length - 1]]).toEqual([from, 2999]);
      expect(first.values((b) => dec.decode(b))).toEqual(ids('O', 0, 3000));
      expect(parts.every((v) => v.data.buffer.byteLength === 0)).toBe(true);
    }
    // Not handed over: read, never freed.
    const first = new ByteDictionary(4);
    for (const s of ids('O', 0, 10)) put(first, s);
    const part = new ByteDictionary(4);
    for (const s of ids('O', 10, 20)) put(part, s);
    const values = part.exportValues();
    first.internAll(values);
    expect(first.values((b) => dec.decode(b))).toEqual(ids('O', 0, 20));
    expect(values.data.buffer.byteLength).toBeGreaterThan(0);
    // A value joined, looked up as an id met again out of order: found, not added.
    expect(put(first, 'O12')).toBe(12);
    expect(first.size).toBe(20);
  });

  it('with its bytes reserved, keeps one store for the values, joined ones included, and the same codes', () => {
    const put = (d: ByteDictionary, s: string) => d.intern(enc.encode(s), 0, enc.encode(s).length);
    const part = new ByteDictionary(4);
    for (const s of ids('O', 3000, 6000)) put(part, s);
    const build = (reserve: boolean) => {
      const d = new ByteDictionary(4);
      for (const s of ids('O', 0, 100)) put(d, s);
      if (reserve) d.reserveBytes(6000 * 6);
      const store = d.exportValues().data.buffer;
      for (const s of [...ids('O', 100, 3000), 'O7']) put(d, s);
      const map = d.internAll(part.exportValues());
      return { d, map, same: d.exportValues().data.buffer === store };
    };
    const reserved = build(true);
    const grown = build(false);
    expect(reserved.same).toBe(true);
    expect(grown.same).toBe(false);
    expect([...reserved.map]).toEqual([...grown.map]);
    expect(reserved.d.values((b) => dec.decode(b))).toEqual(grown.d.values((b) => dec.decode(b)));
    expect(reserved.d.bytes).toBe(grown.d.bytes);
    expect(reserved.d.bytes).toBe(ids('O', 0, 6000).join('').length);
  });

  it('looking ids up by number (numbered) gives the codes a Map gives, whatever the ids look like', () => {
    const far = Array.from({ length: 50 }, (_, i) => `CUST${4_000_000 + i * 1_000_003}`);
    const cases = [
      // Prefix and number in any order, again and again, with the same customer on lines in a row.
      Array.from({ length: 30_000 }, (_, i) => `CUST${(i * 7919) % 9000}`).flatMap((s, i) => (i % 3 === 0 ? [s, s] : [s])),
      // Leading zeros, another prefix, no digits, too many digits, a prefix alone: looked up the other way.
      ['CUST12', 'CUST012', 'CUST0012', 'CUST12', 'cust12', 'XCUST12', 'CUST', 'CUST1234567890', 'CUST123456789', 'CUST12', 'CUST0', '', 'CUST012', 'CUST1234567890', 'CUST123456789'],
      // Plain numbers, as a float export's ids become; ids past the index's room.
      ['17850', '13047', '17850', '0', '00', '12346', '13047', ...far, ...far, '17850'],
      // The first id has no digits: no lookup by number at all.
      ['guest', 'CUST1', 'guest', 'CUST1'],
    ];
    for (const list of cases) {
      const d = new ByteDictionary(4, 'numbered');
      const reference = new Map<string, number>();
      const codes = list.map((s) => {
        const b = enc.encode(` ${s} `);
        return d.intern(b, 1, b.length - 1);
      });
      const expected = list.map((s) => {
        if (!reference.has(s)) reference.set(s, reference.size);
        return reference.get(s);
      });
      expect(codes).toEqual(expected);
      expect(d.values((b) => dec.decode(b))).toEqual([...reference.keys()]);
      // Joined from another dictionary (as a part read in parallel is), then met again.
      const joined = new ByteDictionary(4, 'numbered');
      expect([...joined.internAll(d.exportValues())]).toEqual([...reference.values()]);
      for (const s of list) expect(joined.intern(enc.encode(s), 0, enc.encode(s).length)).toBe(reference.get(s));
    }
  });

  it('keeping recent values (few) gives the codes a Map gives, for values alike at their ends or not', () => {
    const random = seededRandom(7);
    const names = ['Home', 'Garden', 'Toys', 'Books', 'Kitchen', 'Sport', 'Beauty', 'Music', 'Office', 'Pets', 'Fashion', 'Tools'];
    // Same length, first and last byte (the same slot), and more values than slots.
    const alike = ['axxb', 'ayyb', 'azzb', 'ab', 'a', 'b', '', 'axxb'];
    const many = Array.from({ length: 2000 }, (_, i) => `v${i % 700}`);
    for (const list of [Array.from({ length: 5000 }, () => names[Math.floor(random() * names.length)]), alike, many]) {
      const d = new ByteDictionary(4, 'few');
      const reference = new Map<string, number>();
      const codes = list.map((s) => {
        const b = enc.encode(`,${s},`);
        return d.intern(b, 1, b.length - 1);
      });
      expect(codes).toEqual(list.map((s) => {
        if (!reference.has(s)) reference.set(s, reference.size);
        return reference.get(s);
      }));
      expect(d.values((b) => dec.decode(b))).toEqual([...reference.keys()]);
    }
  });

  it('exposes its values as UTF-8 bytes with offsets, and knows when they are all ASCII', () => {
    const d = new ByteDictionary();
    for (const s of ['ab', 'Zoë']) {
      const b = enc.encode(s);
      d.intern(b, 0, b.length);
    }
    const raw = d.rawValues();
    expect([...raw.offsets]).toEqual([0, 2, 6]);
    expect(dec.decode(raw.data)).toBe('abZoë');
    expect(d.isAscii()).toBe(false);
  });

  it('sealed, keeps every value readable and refuses to look one up', () => {
    for (const lookup of ['plain', 'numbered', 'few'] as const) {
      const d = new ByteDictionary(4, lookup);
      const all = [...ids('C', 1, 300), 'C7', 'odd', 'C12', ...ids('C', 150, 400)];
      for (const s of all) {
        const b = enc.encode(s);
        d.intern(b, 0, b.length);
      }
      const before = d.values((b) => dec.decode(b));
      const raw = d.exportValues();
      d.seal();
      expect(d.values((b) => dec.decode(b))).toEqual(before);
      expect(d.size).toBe(before.length);
      expect(dec.decode(d.exportValues().data)).toBe(dec.decode(raw.data));
      const known = enc.encode('C12');
      const fresh = enc.encode('new');
      expect(() => d.intern(known, 0, known.length), lookup).toThrow(/sealed/);
      expect(() => d.intern(fresh, 0, fresh.length), lookup).toThrow(/sealed/);
    }
  });
});

function ids(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
}
