import type { ScoreBin } from './rank-scores.ts';
import type { SegmentAssignment } from '../segments/segment-assignment.ts';
import type { RuleField } from './rule-fields.ts';
import type { SegmentModel } from './segment-model.ts';
import { revenueByCode, segmentationChoices, type SegmentationChoice } from './segmentations.ts';
import type { MonetaryBasis, RfmDimension } from './segment-settings.ts';

/** A segmentation's sizes: customers and net revenue per segment, in name order. */
export interface SegmentationSummary {
  names: string[];
  counts: number[];
  revenue: number[];
}

/** A segmentation with its per-customer codes, for the scatter's colours. */
export interface CodedSegmentation extends SegmentationSummary {
  codes: Uint8Array;
}

/**
 * What the main thread gets of a segment model: per-customer typed arrays for the scatter
 * (transferred, not copied) and small summaries for the panels, tables and charts.
 */
export interface SegmentModelView {
  customers: number;
  /** Net revenue of all customers. */
  revenue: number;
  analysisDay: number;
  /** The day after the last transaction. */
  defaultAnalysisDay: number;
  bins: number;
  monetary: MonetaryBasis;
  recency: Int32Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** Customers and the value range of every score, per dimension. */
  scoreBins: Record<RfmDimension, ScoreBin[]>;
  /** The typed cut points in use, or null where the scores are quantiles. */
  cutPoints: Record<RfmDimension, number[] | null>;
  /** The R × F grid: the segment code and customers of the cell (r, f) at `(r - 1) * bins + (f - 1)`. */
  grid: { names: string[]; cells: number[]; counts: number[] };
  rfm: CodedSegmentation;
  band: CodedSegmentation & { highFrom: number; intermediateFrom: number };
  lifecycle: CodedSegmentation & { populationCycleDays: number };
  buyer: SegmentationSummary;
  rules: Array<{ name: string; count: number; revenue: number; problems: string[]; mask: Uint8Array | null }>;
  /** Share of customers (best first) against share of revenue, 0..1; per customer, the curve's point from which it counts (paretoSteps). */
  pareto: { customerShare: number[]; revenueShare: number[]; steps: Uint8Array };
  /** The fields rules can use. */
  fields: RuleField[];
  /** The segmentations profiles and cross tabs can use. */
  choices: SegmentationChoice[];
}

// Revenue per segment of a segmentation the next model takes over unchanged (the bands when only
// the bins change) is not summed again.
const revenues = new WeakMap<SegmentAssignment, number[]>();

function revenueOf(a: SegmentAssignment, monetary: ArrayLike<number>): number[] {
  let revenue = revenues.get(a);
  if (!revenue) revenues.set(a, (revenue = revenueByCode(a.codes, a.names.length, monetary)));
  return [...revenue];
}

/**
 * The view of a model for the main thread, with the buffers to transfer. Arrays are copies: the
 * worker keeps its model for the next rescoring, counts and export.
 */
export function segmentModelView(model: SegmentModel): { view: SegmentModelView; transfer: ArrayBuffer[] } {
  const { customers } = model.prepared;
  const monetary = customers.monetary;
  const bins = model.settings.rfm.bins;
  const cellCounts = new Array<number>(bins * bins).fill(0);
  const { r, f } = model.scores;
  for (let i = 0; i < customers.n; i++) cellCounts[(r[i] - 1) * bins + (f[i] - 1)]++;
  const coded = (a: SegmentAssignment): CodedSegmentation => ({
    names: [...a.names], counts: [...a.counts], revenue: revenueOf(a, monetary), codes: a.codes.slice(),
  });
  const view: SegmentModelView = {
    customers: customers.n,
    revenue: model.prepared.revenue,
    analysisDay: model.analysisDay,
    defaultAnalysisDay: model.prepared.defaultAnalysisDay,
    bins,
    monetary: model.settings.rfm.monetary,
    recency: model.recency.slice(),
    r: r.slice(),
    f: f.slice(),
    m: model.scores.m.slice(),
    scoreBins: model.scoreBins,
    cutPoints: model.settings.rfm.cutPoints,
    grid: { names: [...model.grid.names], cells: Array.from(model.grid.cells), counts: cellCounts },
    rfm: coded(model.segment),
    band: { ...coded(model.bands), highFrom: model.bands.highFrom, intermediateFrom: model.bands.intermediateFrom },
    lifecycle: { ...coded(model.lifecycle.stage), populationCycleDays: model.lifecycle.populationCycleDays },
    buyer: { names: [...model.lifecycle.buyer.names], counts: [...model.lifecycle.buyer.counts], revenue: revenueOf(model.lifecycle.buyer, monetary) },
    rules: model.rules.map((rule) => ({ name: rule.name, count: rule.count, revenue: rule.revenue, problems: rule.problems, mask: rule.mask?.slice() ?? null })),
    pareto: { customerShare: Array.from(model.prepared.pareto.customerShare), revenueShare: Array.from(model.prepared.pareto.revenueShare), steps: model.prepared.paretoSteps.slice() },
    fields: model.fields,
    choices: segmentationChoices(model),
  };
  const transfer = [view.recency.buffer, view.r.buffer, view.f.buffer, view.m.buffer, view.rfm.codes.buffer, view.band.codes.buffer, view.lifecycle.codes.buffer, view.pareto.steps.buffer];
  for (const rule of view.rules) if (rule.mask) transfer.push(rule.mask.buffer);
  return { view, transfer: transfer as ArrayBuffer[] };
}
