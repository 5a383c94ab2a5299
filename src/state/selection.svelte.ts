import { countMask, type ValueRange } from '../core/index.ts';

/** How long a new selection rests before what keeps it (the session's save, the link) hears of it (ms). */
export const SELECTION_REST_MS = 200;

/** A range of one field, as a brush, a histogram range or a grid cell selects it. */
export type FieldRange = ValueRange & { field: string; label: string };

/** A box in metric space: a range on each of one or more fields (ends included). */
export interface BrushPredicate {
  ranges: FieldRange[];
}

/**
 * Where a selection was made: a box (scatter brush, histogram range, R × F cell) keeps its
 * predicate; a lasso or a group picked in a legend or a bar is a list of customers.
 */
export type SelectionSource = 'brush' | 'lasso' | 'legend' | 'chart';

/** A selection from settings that is a list of customers, by id (see ListSelection in the core). */
export interface CustomerListPredicate {
  customers: string[];
  source: Exclude<SelectionSource, 'brush'>;
}

/**
 * The one selection of customers every view shares: a 0/1 mask over the customers, replaced
 * whole (never edited in place, so `$state.raw` is enough and a new mask is one signal), with
 * the predicate when it came from a rectangle so it can become a rule segment.
 */
export class SelectionState {
  /** 1 for each selected customer; null when nothing is selected. */
  mask = $state.raw<Uint8Array | null>(null);
  count = $state(0);
  source = $state<SelectionSource | null>(null);
  /** The rectangle in metric space, when the selection is one. */
  brush = $state.raw<BrushPredicate | null>(null);

  /** A selection from settings (a link, a session) waiting for the customers to become a mask. */
  pending = $state.raw<BrushPredicate | CustomerListPredicate | null>(null);

  #resting: ReturnType<typeof setTimeout> | undefined;
  /**
   * Counts the selection's rests: one more SELECTION_REST_MS after the last change. The session's
   * save and the link follow this instead of the selection, so their copies of every setting are
   * not made in the task that shows a brush's answer; they read the selection as it is when they run.
   */
  rests = $state(0);

  #changed(): void {
    clearTimeout(this.#resting);
    this.#resting = setTimeout(() => this.rests++, SELECTION_REST_MS);
  }

  /** Puts back a selection from settings (null: none); the workspace turns it into a mask. */
  restore(selection: BrushPredicate | CustomerListPredicate | null): void {
    this.clear();
    this.pending = selection;
    this.#changed();
  }

  select(mask: Uint8Array, source: SelectionSource, brush: BrushPredicate | null = null): void {
    this.mask = mask;
    this.count = countMask(mask);
    this.source = source;
    this.brush = brush;
    this.#changed();
  }

  clear(): void {
    this.mask = null;
    this.count = 0;
    this.source = null;
    this.brush = null;
    this.#changed();
  }
}
