import { describe, expect, it } from 'vitest';
import { decodeSettingsLink, encodeSettingsLink, fromBase64Url, toBase64Url } from '../../../src/core/index.ts';
import { streamDeflate } from '../../../src/persist/stream-deflate.ts';
import { sampleSettings } from './session-fixture.ts';

const deflated = async (text: string) => `s1.${toBase64Url(await streamDeflate.deflate(new TextEncoder().encode(text)))}`;

describe('toBase64Url / fromBase64Url', () => {
  it('round-trip every length and byte value, with no padding or URL-unsafe characters', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) % 256);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    // Cross-checked with Node's own base64url.
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('returns null for characters outside the alphabet', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('encodeSettingsLink / decodeSettingsLink', () => {
  it('round-trips the settings through a compact, versioned hash', async () => {
    const hash = await encodeSettingsLink(sampleSettings(), streamDeflate);
    expect(hash.startsWith('s1.')).toBe(true);
    expect(hash.length).toBeLessThan(JSON.stringify(sampleSettings()).length * 0.7);
    expect(await decodeSettingsLink(`#${hash}`, streamDeflate)).toEqual({ ok: true, value: sampleSettings() });
  });

  const refused = async (hash: string) => {
    const out = await decodeSettingsLink(hash, streamDeflate);
    expect(out.ok).toBe(false);
    return out.ok ? '' : out.problems.join(' ');
  };

  it('refuses an unknown link format', async () => {
    expect(await refused('#s9.abc')).toMatch(/format 9, which this version of Segment Studio does not read/);
  });

  it('refuses a damaged link: bad characters, bytes that do not inflate, text that is not JSON', async () => {
    expect(await refused('#s1.ab$c')).toMatch(/damaged: its settings part has characters/);
    expect(await refused('#s1.AAAAAAAAAAAA')).toMatch(/damaged: its settings do not unpack/);
    expect(await refused(await deflated('not json'))).toMatch(/not valid JSON/);
  });

  it('refuses an oversized link and a link that unpacks to too much', async () => {
    expect(await refused(`#s1.${'A'.repeat(39_998)}`)).toMatch(/40,001 characters long/);
    // A few kilobytes that unpack to megabytes: unpacking stops at the limit.
    expect(await refused(await deflated(' '.repeat(5_000_000)))).toMatch(/unpacks to more settings than any analysis has/);
  });

  it('refuses hostile and unknown-version settings inside a well-formed link', async () => {
    const hostile = JSON.stringify(sampleSettings()).replace('"segment":', '"__proto__":{"isAdmin":true},"segment":');
    expect(await refused(await deflated(hostile))).toMatch(/key "__proto__", which is not allowed/);
    expect(await refused(await deflated(JSON.stringify({ ...sampleSettings(), version: 7 })))).toMatch(/version 7, made by a newer Segment Studio/);
  });
});
