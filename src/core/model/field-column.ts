import type { SegmentModel } from './segment-model.ts';

/** One field of the customer table as the scatter reads it: numbers, or text codes into values. */
export type FieldColumn =
  | { kind: 'number'; values: Float64Array }
  | { kind: 'text'; codes: Int32Array; values: string[] };

/**
 * A copy of one rule field's column (any metric, score, segment or attribute the rule builder
 * offers, see ruleColumns), for the main thread: numbers as Float64Array (NaN empty), text as
 * codes (-1 empty) with their values. Null when the model has no such field. Copies, because
 * the buffers are transferred and the model keeps its own.
 */
export function fieldColumnOf(model: SegmentModel, id: string): FieldColumn | null {
  if (!Object.hasOwn(model.columns.columns, id)) return null;
  const column = model.columns.columns[id];
  if ('codes' in column) return { kind: 'text', codes: Int32Array.from(column.codes), values: [...column.values] };
  return { kind: 'number', values: Float64Array.from(column) };
}

/** The buffers of a field column, to transfer. */
export function fieldColumnBuffers(column: FieldColumn): ArrayBuffer[] {
  return [(column.kind === 'number' ? column.values : column.codes).buffer as ArrayBuffer];
}
