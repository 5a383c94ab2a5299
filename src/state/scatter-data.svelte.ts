import { OTHER_SEGMENT, type AxisUnit, type FieldColumn, type ModelOutcome, type RuleField } from '../core/index.ts';
import { OTHER_COLOUR, categoryPalette } from '../charts/d3/category-palette.ts';
import { scorePalette } from '../charts/d3/score-palette.ts';
import { analysisWorker } from '../bridge/workers.ts';
import type { ClusteringState } from './clustering.svelte.ts';
import type { DatasetState } from './dataset.svelte.ts';
import { RFM_BINS } from './dataset.svelte.ts';
import type { ScatterViewState } from './scatter-view.svelte.ts';
import type { SegmentModelState } from './segment-model.svelte.ts';

/** A field the scatter can put on an axis. */
export interface AxisChoice {
  id: string;
  label: string;
  unit: AxisUnit;
  /** Whole numbers on a small range (scores): jitter helps. */
  integer: boolean;
  definition: string;
}

/** A way the scatter can colour the customers. */
export interface ColourChoice {
  key: string;
  label: string;
}

/** What the colours show: a 1-based group per customer (0: none), its names and colours. */
export interface Colouring {
  key: string;
  groups: Uint8Array;
  names: string[];
  colors: string[];
  label: string;
  note: string;
}

const BASIC_AXES: AxisChoice[] = [
  { id: 'recency', label: 'Recency', unit: 'days', integer: false, definition: 'Days from the last purchase to the analysis date.' },
  { id: 'frequency', label: 'Orders', unit: 'count', integer: false, definition: 'Distinct orders with a purchase line.' },
  { id: 'monetary', label: 'Net revenue', unit: 'money', integer: false, definition: 'Purchase lines minus returns and cancellations.' },
];

// Segmentations the scatter has had keys for since before the list was data-driven (tests and
// saved views use them); any other text field is "field:<id>".
const KNOWN_COLOURS: Record<string, string> = { rScore: 'r', fScore: 'f', mScore: 'm', rfmSegment: 'segment', valueBand: 'band', lifecycle: 'lifecycle' };
const SCORE_FIELDS: Record<string, 'r' | 'f' | 'm'> = { r: 'r', f: 'f', m: 'm' };

function axisUnit(field: RuleField): AxisUnit {
  switch (field.unit) {
    case 'money': return 'money';
    case 'days': return 'days';
    case 'score': return 'score';
    case 'share': return 'share';
    default: return 'count';
  }
}

/**
 * The scatter's data for the view state: the fields it may show (from the model's rule fields,
 * so a metric added there becomes an axis or a colouring with no change here), the two axis
 * columns and the colouring. Columns the main thread holds (recency, orders, revenue, scores,
 * segments) are used as they are; any other is asked of the analysis worker once per model.
 */
export class ScatterData {
  readonly #dataset: DatasetState;
  readonly #model: SegmentModelState;
  readonly #clustering: ClusteringState;
  readonly #view: ScatterViewState;
  /** Columns fetched from the worker, for the model (its version) they were fetched for. */
  #fetched = $state.raw<{ version: number; columns: ReadonlyMap<string, FieldColumn | null> }>({ version: -1, columns: new Map() });
  // The last array of each key: an equal array of a new model keeps the old one, so the scatter
  // does not lay out and paint a quarter of a million points again for the same picture.
  readonly #last = new Map<string, ArrayLike<number>>();
  readonly #equalTo = new Map<string, ArrayLike<number>>();
  // Axis choices by their content: a new model (lifetime value just fitted, a rule added) hands
  // over new field objects, and a new but equal axis would make the scatter lay out its points
  // and the histogram count its bins again for the same picture (a long task at 250k customers).
  #axisCache = new Map<string, AxisChoice>();
  #lastChoices: AxisChoice[] = BASIC_AXES;
  /** Fields wanted besides the axes and the colouring (the selected customers' table). */
  #extra = $state.raw<readonly string[]>([]);

  constructor(dataset: DatasetState, model: SegmentModelState, clustering: ClusteringState, view: ScatterViewState) {
    this.#dataset = dataset;
    this.#model = model;
    this.#clustering = clustering;
    this.#view = view;
    $effect.root(() => {
      $effect(() => {
        const modelView = model.view;
        const version = model.version;
        const settings = model.settings;
        const wanted = [view.x, view.y, view.histogram, view.colour.startsWith('field:') ? view.colour.slice(6) : '', ...this.#extra].filter((id) => id && this.#local(id) === undefined);
        if (!modelView || !settings || wanted.length === 0) return;
        const have = this.#fetched.version === version ? this.#fetched.columns : new Map<string, FieldColumn | null>();
        const missing = wanted.filter((id) => !have.has(id));
        if (missing.length === 0) return;
        let live = true;
        void Promise.all(
          missing.map((id) =>
            analysisWorker
              .call<ModelOutcome<FieldColumn | null>>(new AbortController().signal, (api) => api.fieldColumn(settings, id))
              .then((outcome) => [id, outcome.ok ? outcome.value : null] as const, () => [id, null] as const),
          ),
        ).then((pairs) => {
          if (!live || model.version !== version) return;
          const base = this.#fetched.version === version ? this.#fetched.columns : new Map<string, FieldColumn | null>();
          const columns = new Map(base);
          for (const [id, column] of pairs) columns.set(id, column);
          this.#fetched = { version, columns };
        });
        return () => (live = false);
      });
    });
  }

  /** Fields for the axes: every number field of the model (dates aside), or the basic three until it is ready. */
  get axisChoices(): AxisChoice[] {
    const fields = this.#model.view?.fields;
    if (!fields) return BASIC_AXES;
    const choices = fields
      .filter((f) => f.kind === 'number' && f.unit !== 'date')
      .map((f) => {
        const choice: AxisChoice = { id: f.id, label: f.label, unit: axisUnit(f), integer: f.unit === 'score', definition: f.definition };
        const key = JSON.stringify(choice);
        const known = this.#axisCache.get(key);
        if (known) return known;
        this.#axisCache.set(key, choice);
        return choice;
      });
    const last = this.#lastChoices;
    if (last.length === choices.length && choices.every((c, i) => c === last[i])) return last;
    this.#lastChoices = choices;
    return choices;
  }

  get colourChoices(): ColourChoice[] {
    const view = this.#model.view;
    const choices: ColourChoice[] = [
      { key: 'r', label: 'R score (recency)' },
      { key: 'f', label: 'F score (frequency)' },
      { key: 'm', label: 'M score (monetary)' },
      { key: 'segment', label: 'RFM segment' },
    ];
    if (!view) return choices;
    for (const f of view.fields) {
      if (f.kind !== 'text' || f.id === 'cluster' || f.id === 'rfmSegment') continue;
      choices.push({ key: KNOWN_COLOURS[f.id] ?? `field:${f.id}`, label: f.group === 'Attributes' ? `Attribute: ${f.label}` : f.label });
    }
    view.rules.forEach((rule, i) => {
      if (rule.mask) choices.push({ key: `rule:${i}`, label: `Rule segment: ${rule.name}` });
    });
    if (this.#clustering.clustering) choices.push({ key: 'cluster', label: 'Cluster' });
    return choices;
  }

  /** The axis of the scatter ('x', 'y') or of the histogram ('histogram'). */
  axis(which: 'x' | 'y' | 'histogram'): AxisChoice {
    const id = this.#view[which];
    return this.axisChoices.find((c) => c.id === id) ?? BASIC_AXES.find((c) => c.id === id) ?? { id, label: id, unit: 'count', integer: false, definition: '' };
  }

  /** The values of a number field, or null while they are on their way. */
  values(id: string): ArrayLike<number> | null {
    const local = this.#local(id);
    if (local !== undefined) return local;
    const fetched = this.#fetched;
    if (fetched.version !== this.#model.version) return null;
    const column = fetched.columns.get(id);
    return column?.kind === 'number' ? this.#stable(`n:${id}`, column.values) : null;
  }

  /** Asks for more fields' columns from the worker (replacing the last such request). */
  want(ids: readonly string[]): void {
    if (ids.length !== this.#extra.length || ids.some((id, i) => id !== this.#extra[i])) this.#extra = ids;
  }

  /**
   * A field's column as the model has it (numbers or text), or null while it is on its way. With
   * `orEarlier`, while a new model's columns are on their way, the column of the model before (of
   * the same customers): a table that shows it updates its cells' text when the new one comes,
   * instead of dropping the column and building it again (every row's cells, twice per settings change).
   */
  column(id: string, orEarlier = false): { kind: 'number'; values: ArrayLike<number> } | { kind: 'text'; codes: Int32Array; values: string[] } | null {
    const local = this.#local(id);
    if (local) return { kind: 'number', values: local };
    const fetched = this.#fetched;
    if (fetched.version === this.#model.version) return fetched.columns.get(id) ?? null;
    if (!orEarlier) return null;
    const earlier = fetched.columns.get(id) ?? null;
    const customers = this.#dataset.customers?.frequency.length;
    return earlier && (earlier.kind === 'number' ? earlier.values : earlier.codes).length === customers ? earlier : null;
  }

  /** What the colours show; falls back to the R score while the chosen colouring is not there. */
  get colouring(): Colouring {
    return this.#colouring(this.#view.colour) ?? this.#colouring('r')!;
  }

  // Columns the main thread has: undefined when it must be asked of the worker.
  #local(id: string): ArrayLike<number> | null | undefined {
    const customers = this.#dataset.customers;
    const scores = this.#dataset.scores;
    const view = this.#model.view;
    switch (id) {
      case 'recency': return this.#stable('recency', view?.recency ?? scores?.recency ?? new Int32Array(0));
      case 'frequency': return customers?.frequency ?? null;
      case 'monetary': return customers?.monetary ?? null;
      case 'rScore': return this.#stable('r', view?.r ?? scores?.r ?? new Uint8Array(0));
      case 'fScore': return this.#stable('f', view?.f ?? scores?.f ?? new Uint8Array(0));
      case 'mScore': return this.#stable('m', view?.m ?? scores?.m ?? new Uint8Array(0));
    }
    return undefined;
  }

  #stable<T extends ArrayLike<number>>(key: string, next: T): T {
    const last = this.#last.get(key) as T | undefined;
    // An array found equal before is not compared again (each reader asks for it).
    if (last === next || (last && this.#equalTo.get(key) === next)) return last!;
    if (last && last.length === next.length) {
      let i = 0;
      while (i < next.length && last[i] === next[i]) i++;
      if (i === next.length) {
        this.#equalTo.set(key, next);
        return last;
      }
    }
    this.#last.set(key, next);
    this.#equalTo.delete(key);
    return next;
  }

  #oneBased(key: string, codes: ArrayLike<number>): Uint8Array {
    const groups = new Uint8Array(codes.length);
    for (let i = 0; i < codes.length; i++) groups[i] = codes[i] < 0 ? 0 : codes[i] + 1;
    return this.#stable(key, groups);
  }

  #colouring(key: string): Colouring | null {
    const view = this.#model.view;
    const scores = this.#dataset.scores;
    const bins = view?.bins ?? RFM_BINS;
    const scoreNames = Array.from({ length: bins }, (_, i) => String(i + 1));
    const words = view?.monetary === 'averageOrderValue' ? 'average order value' : 'revenue';
    const score = SCORE_FIELDS[key];
    if (score) {
      const groups = this.#stable(`g:${score}`, view?.[score] ?? scores?.[score] ?? new Uint8Array(0));
      const notes = { r: `1 = bought longest ago, ${bins} = most recent`, f: `1 = fewest orders, ${bins} = most`, m: `1 = lowest, ${bins} = highest ${words}` };
      return { key, groups, names: scoreNames, colors: scorePalette(bins), label: `${score.toUpperCase()} score`, note: notes[score] };
    }
    if (key === 'segment') {
      const coded = view?.rfm ?? scores?.segment;
      if (!coded) return null;
      return { key, groups: this.#oneBased('g:segment', coded.codes), names: coded.names, colors: categoryPalette(coded.names, OTHER_SEGMENT), label: 'RFM segment', note: 'named from the R and F scores' };
    }
    if (key === 'band' || key === 'lifecycle') {
      if (!view) return null;
      const coded = key === 'band' ? view.band : view.lifecycle;
      const label = key === 'band' ? 'Value band' : 'Lifecycle stage';
      const note = key === 'band' ? 'by net revenue, see “Value bands”' : 'see “Lifecycle”';
      return { key, groups: this.#oneBased(`g:${key}`, coded.codes), names: coded.names, colors: categoryPalette(coded.names), label, note };
    }
    if (key === 'cluster') {
      const result = this.#clustering.clustering;
      if (!result) return null;
      const names = result.clusters.map((c, i) => this.#clustering.names[i]?.trim() || c.name);
      return { key, groups: this.#oneBased('g:cluster', result.labels), names, colors: categoryPalette(result.clusters.map((c) => c.name)), label: 'Cluster', note: `k-means with k = ${result.k}` };
    }
    if (key.startsWith('rule:')) {
      const rule = view?.rules[Number(key.slice(5))];
      if (!rule?.mask) return null;
      const groups = this.#stable(`g:${key}`, rule.mask.map((x) => (x ? 1 : 2)));
      return { key, groups, names: [rule.name, 'Everyone else'], colors: [categoryPalette(['x'])[0], OTHER_COLOUR], label: 'Rule segment', note: 'your rule segment against everyone else' };
    }
    if (key.startsWith('field:')) {
      const id = key.slice(6);
      const fetched = this.#fetched;
      const column = fetched.version === this.#model.version ? fetched.columns.get(id) : undefined;
      if (column?.kind !== 'text') return null;
      const field = view?.fields.find((f) => f.id === id);
      const label = field?.label ?? id;
      return { key, groups: this.#oneBased(`g:${key}`, column.codes), names: column.values, colors: categoryPalette(column.values), label, note: field?.definition ?? '' };
    }
    return null;
  }
}
