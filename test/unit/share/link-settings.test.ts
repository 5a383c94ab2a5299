import { describe, expect, it } from 'vitest';
import { decodeSettingsLink, encodeSettingsLink, settingsForLink, validateSessionSettings, type SessionSettings } from '../../../src/core/index.ts';
import { streamDeflate } from '../../../src/persist/stream-deflate.ts';
import { sampleSettings } from './session-fixture.ts';

/** The fixture's rule segment, then two fixed lists around a second rule segment. */
function withLists(colour: string): SessionSettings {
  const s = sampleSettings();
  s.segment.ruleSegments.push(
    { name: 'Called last week', customers: ['C-104', 'C-988'] },
    { name: 'Lapsed', rule: { field: 'recency', op: 'gt', value: 180 } },
    { name: 'VIP desk', customers: ['C-001'] },
  );
  s.view.colour = colour;
  s.view.hidden = [1];
  return s;
}

describe('settingsForLink', () => {
  it('leaves settings without fixed lists as they are', () => {
    const s = sampleSettings();
    expect(settingsForLink(s)).toEqual({ settings: sampleSettings(), leftOutLists: 0, leftOutSelection: false });
  });

  it('leaves the fixed lists (customer ids are data) out of the link, keeps the rule segments in order, and says how many', async () => {
    const original = withLists('segment');
    const { settings, leftOutLists } = settingsForLink(original);
    expect(leftOutLists).toBe(2);
    expect(settings.segment.ruleSegments.map((r) => r.name)).toEqual(['Big spenders', 'Lapsed']);
    const hash = await encodeSettingsLink(settings, streamDeflate);
    const text = new TextDecoder().decode((await streamDeflate.inflate(Uint8Array.from(Buffer.from(hash.slice(3), 'base64url')), 1e6))!);
    expect(text).not.toContain('C-104');
    expect(text).not.toContain('C-001');
    // The link still opens as sound settings; the session's own settings were not touched.
    expect(await decodeSettingsLink(hash, streamDeflate)).toEqual({ ok: true, value: settings });
    expect(original.segment.ruleSegments).toHaveLength(4);
    expect(settings.view).toEqual(original.view);
  });

  it('keeps a colouring by a rule segment on the same segment after the lists before it are gone', () => {
    const { settings } = settingsForLink(withLists('rule:2'));
    expect(settings.view.colour).toBe('rule:1');
    expect(settings.segment.ruleSegments[1]!.name).toBe('Lapsed');
    expect(settings.view.hidden).toEqual([1]);
  });

  it('colours by the R score, all groups shown, when the colouring was a left-out list', () => {
    expect(settingsForLink(withLists('rule:3')).settings.view).toMatchObject({ colour: 'r', hidden: [] });
    expect(settingsForLink(withLists('rules')).settings.view).toMatchObject({ colour: 'rules', hidden: [] });
  });

  it('leaves a selection that is a list of customers (a lasso, a picked group) out of the link, and says so; a range stays', async () => {
    const lasso = sampleSettings();
    lasso.view.selection = { customers: ['C-104', 'C-988'], source: 'lasso' };
    const { settings, leftOutSelection, leftOutLists } = settingsForLink(lasso);
    expect(leftOutSelection).toBe(true);
    expect(leftOutLists).toBe(0);
    expect(settings.view.selection).toBeNull();
    const hash = await encodeSettingsLink(settings, streamDeflate);
    const text = new TextDecoder().decode((await streamDeflate.inflate(Uint8Array.from(Buffer.from(hash.slice(3), 'base64url')), 1e6))!);
    expect(text).not.toContain('C-104');
    expect(lasso.view.selection).toEqual({ customers: ['C-104', 'C-988'], source: 'lasso' });
    // With fixed lists too, both are left out and counted.
    const both = withLists('segment');
    both.view.selection = { customers: ['C-001'], source: 'legend' };
    expect(settingsForLink(both)).toMatchObject({ leftOutLists: 2, leftOutSelection: true, settings: { view: { selection: null } } });

    const range = sampleSettings();
    range.view.selection = { ranges: [{ field: 'monetary', label: 'Net revenue', min: 10, max: null }] };
    expect(settingsForLink(range)).toEqual({ settings: range, leftOutLists: 0, leftOutSelection: false });
  });
});

describe('a selection in the settings', () => {
  const withSelection = (selection: unknown) => ({ ...sampleSettings(), view: { ...sampleSettings().view, selection } });

  it('is a range or a list of customers with where it was made, and reads back as it was', () => {
    for (const selection of [null, { ranges: [{ field: 'recency', label: 'Recency', min: null, max: 30 }] }, { customers: ['A', 'B'], source: 'chart' }]) {
      expect(validateSessionSettings(withSelection(selection))).toEqual({ ok: true, value: withSelection(selection) });
    }
  });

  it('refuses both at once, neither, a list without its source or with an unknown one, and ids that are not text', () => {
    const problems = (selection: unknown) => {
      const outcome = validateSessionSettings(withSelection(selection));
      return outcome.ok ? [] : outcome.problems;
    };
    expect(problems({ ranges: [], customers: ['A'], source: 'lasso' })).toEqual(['The selection must be either ranges or a list of customers.']);
    expect(problems({})).toEqual(['The selection must be either ranges or a list of customers.']);
    expect(problems({ customers: ['A'] })).toEqual(['The selection lists customers but does not say where it was made (lasso, legend or chart).']);
    expect(problems({ customers: ['A'], source: 'brush' })).not.toEqual([]);
    expect(problems({ customers: [1, 2], source: 'lasso' })).not.toEqual([]);
  });
});
