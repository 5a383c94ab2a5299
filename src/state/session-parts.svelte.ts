import type { ClvSettings, RangeSelection, ReadChoices, ScatterViewChoices, SegmentSettings, SessionSettings } from '../core/index.ts';
import { untrack } from 'svelte';
import { SESSION_SETTINGS_VERSION } from '../core/index.ts';
import type { ClusteringState } from './clustering.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { LifetimeValueState } from './lifetime-value.svelte.ts';
import type { ScatterViewState } from './scatter-view.svelte.ts';
import type { BrushPredicate, SelectionState } from './selection.svelte.ts';
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
  snapshot(v: ScatterViewState, selection: SelectionState): ScatterViewChoices {
    // The zoom as it is, but an effect taking snapshots re-runs once a zoom rests, not every frame of it.
    void v.zoomRests;
    const zoom = untrack(() => ({ ...v.zoom }));
    // The same for the selection: a brush's snapshot is made once it rests, not in the task that shows it.
    void selection.rests;
    const range = untrack(() => rangeSelection(selection.brush ?? selection.pending));
    return { x: v.x, y: v.y, xScale: v.xScale, yScale: v.yScale, jitter: v.jitter, colour: v.colour, hidden: [...v.hidden].sort((a, b) => a - b), zoom, lasso: v.lasso, histogram: v.histogram, histogramScale: v.histogramScale, selection: range };
  },
  apply(v: ScatterViewState, selection: SelectionState, c: ScatterViewChoices): void {
    Object.assign(v, { x: c.x, y: c.y, xScale: c.xScale, yScale: c.yScale, jitter: c.jitter, colour: c.colour, lasso: c.lasso, histogram: c.histogram, histogramScale: c.histogramScale });
    v.hidden = new Set(c.hidden);
    v.zoom = { ...c.zoom };
    selection.restore(c.selection ? { ranges: c.selection.ranges.map((r) => ({ field: r.field, label: r.label, min: r.min ?? -Infinity, max: r.max ?? Infinity })) } : null);
  },
};

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
    view: viewPart.snapshot(s.scatterView, s.selection),
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
