import { crossTab, type CrossTab } from '../segments/cross-tab.ts';
import { crossTabCells } from '../segments/cross-tab-cells.ts';
import { numberGroups } from './number-groups.ts';
import { profileSegments, type SegmentProfile } from '../segments/profile-segments.ts';
import { ATTRIBUTE_FIELD_PREFIX } from './rule-fields.ts';
import type { SegmentModel } from './segment-model.ts';

/**
 * A way of splitting the customers, as the profiles, cross tabs, scatter colours and export
 * filter name it: the RFM segment, value band, lifecycle stage, buyer type, a score, one rule
 * segment (`rule:<index>`), all rule segments (which may overlap), the clusters, or a text
 * attribute (`attribute:<column name>`).
 */
export type SegmentationKey =
  | 'rfm' | 'band' | 'lifecycle' | 'buyer' | 'r' | 'f' | 'm' | 'rules' | 'cluster' | 'clvTier'
  | `rule:${number}` | `attribute:${string}`;

/** Per customer a code into `names`; a code outside them (-1) is in none. */
export interface Segmentation {
  codes: ArrayLike<number>;
  names: string[];
}

/** A segmentation the analyst can choose, as the selects list it. */
export interface SegmentationChoice {
  key: SegmentationKey;
  label: string;
}

/** The segmentations a model offers, in the order the selects list them (clusters are added by the app). */
export function segmentationChoices(model: SegmentModel): SegmentationChoice[] {
  const choices: SegmentationChoice[] = [
    { key: 'rfm', label: 'RFM segment' },
    { key: 'band', label: 'Value band' },
    { key: 'lifecycle', label: 'Lifecycle stage' },
    { key: 'buyer', label: 'One-time or repeat' },
    { key: 'r', label: 'R score' },
    { key: 'f', label: 'F score' },
    { key: 'm', label: 'M score' },
  ];
  if (model.clv) choices.push({ key: 'clvTier', label: 'CLV tier' });
  if (model.rules.some((r) => r.mask)) choices.push({ key: 'rules', label: 'Rule segments (all)' });
  model.rules.forEach((r, i) => {
    if (r.mask) choices.push({ key: `rule:${i}`, label: `Rule segment: ${r.name}` });
  });
  for (const col of model.attributes?.columns ?? []) {
    if (col.kind === 'text') choices.push({ key: `attribute:${col.name}`, label: `Attribute: ${col.name}` });
    else if (col.kind === 'number') choices.push({ key: `attribute:${col.name}`, label: `Attribute: ${col.name} (in ranges)` });
  }
  return choices;
}

/**
 * The codes and names of a segmentation; null when the model has no such segmentation (a rule
 * index past the end, a date attribute, the clusters when none are given) or it
 * is 'rules', whose segments may overlap.
 */
export function segmentationOf(model: SegmentModel, key: SegmentationKey, cluster: Segmentation | null = null): Segmentation | null {
  const scoreNames = () => Array.from({ length: model.settings.rfm.bins }, (_, i) => String(i + 1));
  switch (key) {
    case 'rfm': return model.segment;
    case 'band': return model.bands;
    case 'lifecycle': return model.lifecycle.stage;
    case 'buyer': return model.lifecycle.buyer;
    case 'r': case 'f': case 'm': return { codes: minusOne(model.scores[key]), names: scoreNames() };
    case 'cluster': return cluster;
    case 'clvTier': return model.clv ? { codes: model.clv.tier, names: model.clv.tierNames } : null;
    case 'rules': return null;
  }
  if (key.startsWith('rule:')) {
    const rule = model.rules[Number(key.slice(5))];
    if (!rule?.mask) return null;
    // Code 0: in the segment, 1: not in it.
    return { codes: rule.mask.map((x) => 1 - x), names: [rule.name, `Not in ${rule.name}`] };
  }
  const name = key.slice(ATTRIBUTE_FIELD_PREFIX.length);
  const col = model.attributes?.columns.find((c) => c.name === name);
  if (col?.kind === 'text') return { codes: col.codes, names: col.labels };
  if (col?.kind !== 'number') return null;
  // Numbers (an age, loyalty points) are cross-tabbed in round ranges; grouped once per column.
  let groups = NUMBER_GROUPS.get(col.values);
  if (!groups) NUMBER_GROUPS.set(col.values, (groups = numberGroups(col.values)));
  return groups;
}

const NUMBER_GROUPS = new WeakMap<Float64Array, Segmentation>();

/**
 * Profiles of a segmentation (see profileSegments): size and share, revenue and share, mean and
 * median recency, orders, net revenue and order value. For 'rules' one row per rule segment
 * (they may overlap, so the shares need not add up) and a last row for customers in none.
 */
export function profileSegmentation(model: SegmentModel, key: SegmentationKey, cluster: Segmentation | null = null): SegmentProfile[] {
  const { customers, metrics } = model.prepared;
  const columns = { recency: model.recency, frequency: customers.frequency, monetary: customers.monetary, avgOrderValue: metrics.metrics.averageOrderValue };
  if (key === 'rules') {
    const n = customers.n;
    const inAny = new Uint8Array(n);
    const rows: SegmentProfile[] = [];
    for (const rule of model.rules) {
      if (!rule.mask) continue;
      const mask = rule.mask;
      const codes = new Int8Array(n);
      for (let i = 0; i < n; i++) {
        codes[i] = mask[i] ? 0 : -1;
        inAny[i] |= mask[i];
      }
      rows.push(profileSegments(codes, [rule.name], columns)[0]);
    }
    const none = Int8Array.from(inAny, (x) => (x ? -1 : 0));
    rows.push(profileSegments(none, ['In no rule segment'], columns)[0]);
    return rows;
  }
  const s = segmentationOf(model, key, cluster);
  if (!s) throw new Error(`profileSegmentation: no segmentation "${key}"`);
  return profileSegments(s.codes, s.names, columns);
}

/** A cross tab with each customer's cell (see crossTabCells), so the table can select a cell's customers and count a selection per cell. */
export type CellCrossTab = CrossTab & { cells: Int32Array };

/** Customers by two segmentations (country × RFM segment); see crossTab. */
export function crossTabSegmentations(model: SegmentModel, rows: SegmentationKey, columns: SegmentationKey, cluster: Segmentation | null = null): CellCrossTab {
  const a = segmentationOf(model, rows, cluster);
  const b = segmentationOf(model, columns, cluster);
  if (!a) throw new Error(`crossTabSegmentations: no segmentation "${rows}"`);
  if (!b) throw new Error(`crossTabSegmentations: no segmentation "${columns}"`);
  return { ...crossTab(a.codes, a.names, b.codes, b.names), cells: crossTabCells(a.codes, a.names.length, b.codes, b.names.length) };
}

/** Net revenue per code 0..k-1. */
export function revenueByCode(codes: ArrayLike<number>, k: number, monetary: ArrayLike<number>): number[] {
  const sums = new Float64Array(k);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && c < k && Number.isFinite(monetary[i])) sums[c] += monetary[i];
  }
  return Array.from(sums);
}

function minusOne(scores: Uint8Array): Int16Array {
  return Int16Array.from(scores, (s) => s - 1);
}
