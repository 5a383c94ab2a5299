import type { ClvSettings, RangeSelection, ReadChoices, ScatterViewChoices, SegmentSettings, SessionSettings, Utf8Values, ViewSelection } from '../core/index.ts';
import { untrack } from 'svelte';
import { isListSelection, selectedIds, SESSION_SETTINGS_VERSION } from '../core/index.ts';
import type { ClusteringState } from './clustering.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { LifetimeValueState } from './lifetime-value.svelte.ts';
import type { ScatterViewState } from './scatter-view.svelte.ts';
import type { BrushPredicate, CustomerListPredicate, SelectionState } from './selection.svelte.ts';
import type { SegmentSettingsState } from './segment-settings.svelte.ts';

/** The state classes whose settings make a session. */
export interface SessionSources {
  dataset: DatasetState;
  segmentSettings: SegmentSettingsState;
  clustering: ClusteringState;
  lifetimeValue: LifetimeValueState;
  scatterView: ScatterViewState;
  selection: SelectionState;
}

/**
 * One part of the session: how to read it from the state and how to put it back. A new setting
 * is one more field here and in the core's shape (src/core/share/session-settings.ts).
 */
const viewPart = {
  snapshot(v: ScatterViewState, selection: SelectionState, ids: Utf8Values | null): ScatterViewChoices {
    // The zoom as it is, but an effect taking snapshots re-runs once a zoom rests, not every frame of it.
    void v.zoomRests;
    const zoom = untrack(() => ({ ...v.zoom }));
    // The same for the selection: a brush's snapshot is made once it rests, not in the task that shows it.
    void selection.rests;
    const kept = untrack(() => viewSelection(selection, ids));
    return { x: v.x, y: v.y, xScale: v.xScale, yScale: v.yScale, jitter: v.jitter, colour: v.colour, hidden: [...v.hidden].sort((a, b) => a - b), zoom, lasso: v.lasso, histogram: v.histogram, histogramScale: v.histogramScale, selection: kept };
  },
  apply(v: ScatterViewState, selection: SelectionState, c: ScatterViewChoices): void {
    Object.assign(v, { x: c.x, y: c.y, xScale: c.xScale, yScale: c.yScale, jitter: c.jitter, colour: c.colour, lasso: c.lasso, histogram: c.histogram, histogramScale: c.histogramScale });
    v.hidden = new Set(c.hidden);
    v.zoom = { ...c.zoom };
    const s = c.selection;
    if (!s) selection.restore(null);
    else if (isListSelection(s)) selection.restore({ customers: [...s.customers], source: s.source });
    else selection.restore({ ranges: s.ranges.map((r) => ({ field: r.field, label: r.label, min: r.min ?? -Infinity, max: r.max ?? Infinity })) });
  },
};

/**
 * The selection as settings: a range as its ranges; any other selection (a lasso, a picked group)
 * as its customers' ids. Their list is made once per selection, not at every snapshot (the link
 * and the session's save each take one when any setting changes).
 */
function viewSelection(selection: SelectionState, ids: Utf8Values | null): ViewSelection | null {
  const predicate = selection.brush ?? selection.pending;
  if (predicate) return 'customers' in predicate ? listSelection(predicate) : rangeSelection(predicate);
  const { mask, source } = selection;
  if (!mask || !source || source === 'brush' || !ids || ids.offsets.length !== mask.length + 1) return null;
  let customers = listed.get(mask);
  if (!customers) listed.set(mask, (customers = selectedIds(mask, ids)));
  return { customers: [...customers], source };
}
const listed = new WeakMap<Uint8Array, string[]>();

function listSelection(p: CustomerListPredicate): ViewSelection {
  return { customers: [...p.customers], source: p.source };
}

/** A range selection as settings: JSON has no infinity, so an open end is null. */
function rangeSelection(brush: BrushPredicate | null): RangeSelection | null {
  if (!brush) return null;
  return { ranges: brush.ranges.map((r) => ({ field: r.field, label: r.label, min: Number.isFinite(r.min) ? r.min : null, max: Number.isFinite(r.max) ? r.max : null })) };
}

function readPart(dataset: DatasetState): ReadChoices | null {
  const s = dataset.settings;
  if (!s || !dataset.summary) return null;
  return {
    mapping: { ...s.mapping },
    cleaning: { ...s.cleaning },
    dateReading: s.dateReading,
    missingMarkers: [...s.missingMarkers],
    analysisDay: s.analysisDay,
    ...(s.sheet !== undefined ? { sheet: s.sheet } : {}),
  };
}

/** Everything the analyst set, as plain JSON (reading it makes every setting a dependency of an effect). */
export function snapshotSession(s: SessionSources): SessionSettings {
  const c = $state.snapshot(s.clustering.settings);
  return {
    version: SESSION_SETTINGS_VERSION,
    segment: s.segmentSettings.snapshot(),
    clustering: { features: c.features.map((f) => ({ ...f })), scaling: c.scaling, k: c.k, seed: c.seed, names: [...s.clustering.names] },
    lifetimeValue: $state.snapshot(s.lifetimeValue.settings) as ClvSettings,
    view: viewPart.snapshot(s.scatterView, s.selection, s.dataset.customers?.ids ?? null),
    read: readPart(s.dataset),
    file: s.dataset.fingerprint,
  };
}

/**
 * Puts validated settings back. The reading choices wait for the next file (see
 * DatasetState.useReadChoices); cluster names come back with the clusters they name.
 */
export function applySession(s: SessionSources, settings: SessionSettings): void {
  s.segmentSettings.settings = structuredClone(settings.segment) as SegmentSettings;
  const { names: _, ...clustering } = settings.clustering;
  s.clustering.settings = structuredClone(clustering);
  s.lifetimeValue.settings = structuredClone(settings.lifetimeValue);
  viewPart.apply(s.scatterView, s.selection, settings.view);
  s.dataset.useReadChoices(settings.read, settings.file);
}
