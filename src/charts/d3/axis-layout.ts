import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { axisDomain, axisValue, type AxisScaleKind, type AxisUnit } from '../../core/index.ts';

/** Width of the "≤ 0" band of a log axis, and the gap between it and the scale, in CSS pixels. */
export const BAND = 16;
const GAP = 8;

/**
 * One axis of the scatter at zoom 1: the d3 scale over the plot's length, and on a log axis with
 * values at or below zero, the band they are drawn in. `position` maps a value to a base pixel
 * (before the zoom), `invert` a base pixel back to a value, with -Infinity for the band.
 */
export interface AxisLayout {
  scale: ScaleContinuousNumeric<number, number>;
  kind: AxisScaleKind;
  unit: AxisUnit;
  /** Base pixel of the band's centre, or null without one. */
  band: number | null;
  nonPositive: number;
  position: (value: number) => number;
  invert: (pixel: number) => number;
}

// The domain of each array, kept while the array lives: a chart laid out again at another size
// (its width measured as it mounts, a resized window) or a second chart of the same field (the
// scatter's axis and the histogram) does not scan a quarter of a million values again. The
// columns are never changed in place: a new model or field hands over new arrays.
const domains = new WeakMap<object, Map<string, ReturnType<typeof axisDomain>>>();

function domainOf(values: ArrayLike<number>, kind: AxisScaleKind, unit: AxisUnit): ReturnType<typeof axisDomain> {
  if (typeof values !== 'object' || values === null) return axisDomain(values, kind, unit);
  let byKind = domains.get(values);
  if (!byKind) domains.set(values, (byKind = new Map()));
  const key = `${kind} ${unit}`;
  let found = byKind.get(key);
  if (!found) byKind.set(key, (found = axisDomain(values, kind, unit)));
  return found;
}

/**
 * Finds and keeps the domain of `values` for an axis of that kind and unit, so a chart laid out
 * later over the same array does not scan it in its own mounting task.
 */
export function prepareAxisDomain(values: ArrayLike<number>, kind: AxisScaleKind, unit: AxisUnit): void {
  domainOf(values, kind, unit);
}

/**
 * Lays out an axis of `length` pixels; `flip` for a vertical axis (values grow upwards). The
 * domain is never empty or NaN (see axisDomain), and a linear domain is made nice.
 */
export function axisLayout(values: ArrayLike<number>, kind: AxisScaleKind, unit: AxisUnit, length: number, flip: boolean): AxisLayout {
  const { domain, nonPositive } = domainOf(values, kind, unit);
  const hasBand = kind === 'log' && nonPositive > 0;
  const start = hasBand ? BAND + GAP : 0;
  const range: [number, number] = flip ? [length - start, 0] : [start, length];
  const scale = (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain).range(range);
  if (kind === 'linear') scale.nice();
  const bandAt = hasBand ? (flip ? length - BAND / 2 : BAND / 2) : null;
  const [d0, d1] = scale.domain();
  const [r0, r1] = range;
  // The scale as arithmetic: a d3 call per point costs more than painting it.
  const log = kind === 'log';
  const t0 = log ? Math.log(d0) : d0;
  const a = (r1 - r0) / ((log ? Math.log(d1) : d1) - t0);
  const position = (raw: number): number => {
    const v = axisValue(raw, unit);
    if (Number.isNaN(v)) return NaN;
    if (log && v <= 0) return bandAt ?? r0;
    return r0 + a * ((log ? Math.log(v) : v) - t0);
  };
  const invert = (pixel: number): number => {
    // Past the start of the scale, towards the band: everything at or below zero too.
    if (bandAt !== null && (flip ? pixel > r0 : pixel < r0)) return -Infinity;
    const t = t0 + (pixel - r0) / a;
    return log ? Math.exp(t) : t;
  };
  return { scale, kind, unit, band: bandAt, nonPositive, position, invert };
}

/** The axis' scale for what is on screen at a zoom of factor k and offset t (CSS pixels). */
export function zoomedScale(layout: AxisLayout, k: number, t: number): ScaleContinuousNumeric<number, number> {
  const range = layout.scale.range();
  return layout.scale.copy().domain(range.map((r) => layout.scale.invert((r - t) / k)));
}
