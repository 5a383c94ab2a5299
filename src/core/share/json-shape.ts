/**
 * A small description of the JSON a setting may hold, checked before anything is applied:
 * settings arrive from links and files anyone can write, so every value is checked for its
 * kind, range and length, and unknown keys are refused rather than carried along.
 */
export type Shape =
  | { kind: 'number'; integer?: boolean; min?: number; max?: number }
  | { kind: 'string'; max: number }
  | { kind: 'boolean' }
  | { kind: 'literal'; values: readonly (string | number)[] }
  | { kind: 'nullable'; of: Shape }
  | { kind: 'array'; of: Shape; max: number }
  | { kind: 'tuple'; of: readonly Shape[] }
  | { kind: 'object'; fields: Readonly<Record<string, Shape>>; optional?: readonly string[] }
  | { kind: 'record'; of: Shape; max: number }
  /** Any JSON (a rule tree): its own validator reads it afterwards. */
  | { kind: 'json' };

export const num = (o: { integer?: boolean; min?: number; max?: number } = {}): Shape => ({ kind: 'number', ...o });
export const int = (min?: number, max?: number): Shape => ({ kind: 'number', integer: true, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
export const str = (max = 200): Shape => ({ kind: 'string', max });
export const bool: Shape = { kind: 'boolean' };
export const oneOf = (...values: (string | number)[]): Shape => ({ kind: 'literal', values });
export const nullable = (of: Shape): Shape => ({ kind: 'nullable', of });
export const arrayOf = (of: Shape, max: number): Shape => ({ kind: 'array', of, max });
export const tuple = (...of: Shape[]): Shape => ({ kind: 'tuple', of });
export const object = (fields: Record<string, Shape>, optional: string[] = []): Shape => ({ kind: 'object', fields, optional });
export const recordOf = (of: Shape, max: number): Shape => ({ kind: 'record', of, max });
export const json: Shape = { kind: 'json' };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/**
 * What is wrong with `value` against `shape`, each problem naming where it is ("segment.rfm.bins");
 * empty when it fits.
 */
export function shapeProblems(value: unknown, shape: Shape, path: string): string[] {
  const at = path || 'the settings';
  switch (shape.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${at} must be a number, got ${describe(value)}.`];
      if (shape.integer && !Number.isInteger(value)) return [`${at} must be a whole number, got ${value}.`];
      if (shape.min !== undefined && value < shape.min) return [`${at} must be at least ${shape.min}, got ${value}.`];
      if (shape.max !== undefined && value > shape.max) return [`${at} must be at most ${shape.max}, got ${value}.`];
      return [];
    }
    case 'string':
      if (typeof value !== 'string') return [`${at} must be text, got ${describe(value)}.`];
      return value.length > shape.max ? [`${at} is longer than ${shape.max} characters.`] : [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} must be true or false, got ${describe(value)}.`];
    case 'literal':
      return shape.values.includes(value as string | number) ? [] : [`${at} must be one of ${shape.values.join(', ')}, got ${describe(value)}.`];
    case 'nullable':
      return value === null ? [] : shapeProblems(value, shape.of, path);
    case 'array': {
      if (!Array.isArray(value)) return [`${at} must be a list, got ${describe(value)}.`];
      if (value.length > shape.max) return [`${at} has ${value.length} items; at most ${shape.max}.`];
      return value.flatMap((item, i) => shapeProblems(item, shape.of, `${path}[${i}]`));
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== shape.of.length) return [`${at} must be a list of ${shape.of.length}, got ${describe(value)}.`];
      return value.flatMap((item, i) => shapeProblems(item, shape.of[i]!, `${path}[${i}]`));
    }
    case 'object': {
      if (!isPlainObject(value)) return [`${at} must be an object, got ${describe(value)}.`];
      const problems: string[] = [];
      for (const key of Object.keys(value)) if (!Object.hasOwn(shape.fields, key)) problems.push(`${at} has an unknown setting "${key.slice(0, 40)}".`);
      for (const [key, field] of Object.entries(shape.fields)) {
        const sub = path ? `${path}.${key}` : key;
        if (!Object.hasOwn(value, key)) {
          if (!shape.optional?.includes(key)) problems.push(`${sub} is missing.`);
        } else problems.push(...shapeProblems(value[key], field, sub));
      }
      return problems;
    }
    case 'record': {
      if (!isPlainObject(value)) return [`${at} must be an object, got ${describe(value)}.`];
      const keys = Object.keys(value);
      if (keys.length > shape.max) return [`${at} has ${keys.length} entries; at most ${shape.max}.`];
      return keys.flatMap((key) => shapeProblems(value[key], shape.of, `${path}["${key.slice(0, 40)}"]`));
    }
    case 'json':
      return [];
  }
}
