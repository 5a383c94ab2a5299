import { describe, expect, it } from 'vitest';
import { readSessionFileV1 as readSessionFile, sessionFileV1Parts as sessionFileParts, type SessionFileV1Content as SessionFileContent } from '../../../src/persist/session-file-v1.ts';
import { sampleSettings } from '../share/session-fixture.ts';

function content(): SessionFileContent {
  const customers = { n: 3, ids: { data: new TextEncoder().encode('abc'), offsets: Int32Array.from([0, 1, 2, 3]) }, firstDay: Int32Array.from([1, 2, 3]), lastDay: Int32Array.from([4, 5, 6]), frequency: Uint32Array.from([1, 2, 3]), monetary: Float64Array.from([1.5, 2.5, 3.5]) };
  const metrics = { metrics: { n: 3, analysisDay: 7, meanGapDays: Float64Array.from([NaN, 2, 3]) }, channelNames: ['web'], categoryNames: null, fromTransactions: true } as never;
  return { name: 'Spring', fileName: 'sales.csv', settings: sampleSettings(), summary: { fileName: 'sales.csv', customers: 3 } as never, customers, metrics };
}

const bytesOf = async (c: SessionFileContent) => new Blob(sessionFileParts(c)).arrayBuffer();

describe('sessionFileParts / readSessionFile', () => {
  it('round-trip settings, summary and every typed array (NaN included), with their types', async () => {
    const out = readSessionFile(await bytesOf(content()), 'x.segment-session');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const c = content();
    expect(out.value.settings).toEqual(c.settings);
    expect(out.value.customers.monetary).toEqual(c.customers.monetary);
    expect(out.value.customers.frequency).toBeInstanceOf(Uint32Array);
    expect(out.value.customers.ids.offsets).toEqual(c.customers.ids.offsets);
    expect([...(out.value.metrics!.metrics as unknown as { meanGapDays: Float64Array }).meanGapDays]).toEqual([NaN, 2, 3]);
    expect(out.value.name).toBe('Spring');
  });

  it('refuses a file of another kind, a cut one and one whose array points outside it', async () => {
    const refused = (buffer: ArrayBuffer) => {
      const out = readSessionFile(buffer, 'f');
      return out.ok ? '' : out.problems.join(' ');
    };
    expect(refused(new TextEncoder().encode('customer,date\n1,2\n').buffer as ArrayBuffer)).toMatch(/not a Segment Studio session file/);
    const whole = await bytesOf(content());
    expect(refused(whole.slice(0, whole.byteLength - 8))).toMatch(/damaged or cut short/);
    const text = new TextDecoder().decode(whole);
    // The last array (3 numbers) claims 9: it would run past the end of the file.
    const last = text.lastIndexOf('"length":3');
    const tampered = new Uint8Array(whole.slice(0));
    tampered.set(new TextEncoder().encode('"length":9'), last);
    expect(refused(tampered.buffer)).toMatch(/points outside the file/);
  });
});
