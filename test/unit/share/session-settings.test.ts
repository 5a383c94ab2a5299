import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSessionSettings, SESSION_SETTINGS_VERSION, validateSessionSettings } from '../../../src/core/index.ts';
import { sampleSettings } from './session-fixture.ts';

const problemsOf = (value: unknown) => {
  const out = validateSessionSettings(value);
  return out.ok ? [] : out.problems;
};

describe('validateSessionSettings(value)', () => {
  it('accepts settings the app makes and returns them unchanged', () => {
    const s = sampleSettings();
    const out = validateSessionSettings(JSON.parse(JSON.stringify(s)));
    expect(out).toEqual({ ok: true, value: s });
  });

  it('accepts settings before any file was read (read is null)', () => {
    expect(validateSessionSettings({ ...sampleSettings(), read: null }).ok).toBe(true);
  });

  it('refuses a newer version, saying which versions it reads', () => {
    expect(problemsOf({ ...sampleSettings(), version: SESSION_SETTINGS_VERSION + 1 })[0]).toMatch(/version 2, made by a newer Segment Studio; this one reads up to version 1/);
    expect(problemsOf({ ...sampleSettings(), version: 'one' })).toEqual(['The settings have no version number.']);
  });

  it('refuses unknown keys and names where they are', () => {
    const s = sampleSettings() as unknown as Record<string, Record<string, unknown>>;
    s.view!.extra = 1;
    expect(problemsOf(s)).toEqual(['view has an unknown setting "extra".']);
  });

  it('says which value is of the wrong kind or out of range', () => {
    const s = sampleSettings();
    (s.segment.rfm as { bins: unknown }).bins = '5';
    s.clustering.k = 99;
    expect(problemsOf(s)).toEqual(['segment.rfm.bins must be a number, got "5".', 'clustering.k must be at most 20, got 99.']);
  });

  it('checks the meaning of the segment settings after their shape', () => {
    const s = sampleSettings();
    s.segment.rfm.bins = 2;
    expect(problemsOf(s)[0]).toMatch(/number of scores must be a whole number from 3 to 10, got 2/);
  });

  it('refuses too many rule segments without walking them all', () => {
    const s = sampleSettings();
    s.segment.ruleSegments = Array.from({ length: 51 }, (_, i) => ({ name: `r${i}`, rule: { field: 'monetary', op: 'gt', value: i } }));
    expect(problemsOf(s)).toEqual(['segment.ruleSegments has 51 items; at most 50.']);
  });

  it('keeps a fixed list of customers saved from a selection, and refuses a list of other things', () => {
    const s = sampleSettings();
    s.segment.ruleSegments = [{ name: 'Lassoed', customers: ['12345', 'A-7'] }];
    expect(validateSessionSettings(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, value: s });
    s.segment.ruleSegments = [{ name: 'Odd list', customers: ['12345', 7] as never }];
    expect(problemsOf(s).join(' ')).toMatch(/customers\[1\]/);
  });

  it('keeps a range selection (open ends as null), reads settings without one, and refuses a range that ends before it starts', () => {
    const s = sampleSettings();
    s.view.selection = { ranges: [{ field: 'recency', label: 'Recency (days)', min: 10, max: null }, { field: 'monetary', label: 'Net revenue', min: 100, max: 250.5 }] };
    expect(validateSessionSettings(structuredClone(s))).toEqual({ ok: true, value: s });
    delete s.view.selection;
    expect(validateSessionSettings(structuredClone(s)).ok).toBe(true);
    s.view.selection = { ranges: [{ field: 'monetary', label: 'Net revenue', min: 300, max: 250 }] };
    const out = validateSessionSettings(s);
    expect(out.ok ? '' : out.problems.join(' ')).toContain("The selection's range on monetary ends (250) before it starts (300).");
    const listed = validateSessionSettings({ ...sampleSettings(), view: { ...sampleSettings().view, selection: { customers: ['C-1'] } } });
    expect(listed.ok).toBe(false);
  });

  it('refuses a rule segment whose rule does not parse', () => {
    const s = sampleSettings();
    s.segment.ruleSegments = [{ name: 'odd', rule: { field: 'monetary', op: 'explode', value: 1 } as never }];
    expect(problemsOf(s).join(' ')).toMatch(/odd:/);
  });
});

describe('readSessionSettings(text)', () => {
  it('reads settings written as JSON', () => {
    expect(readSessionSettings(JSON.stringify(sampleSettings()))).toEqual({ ok: true, value: sampleSettings() });
  });

  it('refuses __proto__, constructor and prototype keys anywhere, and pollutes nothing', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(sampleSettings()).replace('"jitter":false', `"${key}":{"polluted":true},"jitter":false`);
      expect(readSessionSettings(text)).toEqual({ ok: false, problems: [`The settings contain the key "${key}", which is not allowed.`] });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses malformed, too long and too deep text with a message', () => {
    expect(readSessionSettings('{"version":1,')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^The settings are not valid JSON/)] });
    expect(readSessionSettings(' '.repeat(200_001))).toMatchObject({ ok: false, problems: [expect.stringMatching(/200,001 characters long; at most 200,000/)] });
    expect(readSessionSettings('['.repeat(50) + ']'.repeat(50))).toEqual({ ok: false, problems: ['The settings are nested more than 40 levels deep.'] });
  });
});

describe('settings saved by version 1', () => {
  it('still read (the fixture is kept as written by version 1: a later version must migrate it)', () => {
    const out = readSessionSettings(readFileSync('test/fixtures/share/settings-v1.json', 'utf8'));
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.value.segment.rfm.bins).toBe(4);
  });
});
