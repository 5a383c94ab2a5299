/** Keys that could reach an object's prototype when a parsed value is merged or assigned. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any setting (a rule tree of a few levels): deeper input is refused, not walked. */
export const MAX_JSON_DEPTH = 40;

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; problem: string };

function depthProblem(value: unknown, depth: number): string | null {
  if (depth > MAX_JSON_DEPTH) return `The settings are nested more than ${MAX_JSON_DEPTH} levels deep.`;
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `The settings contain the key "${key}", which is not allowed.`;
    const inner = depthProblem((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return null;
}

/**
 * Parses JSON from a link or a file that anyone may have written: too long, malformed, too deep,
 * or carrying prototype keys (`__proto__`, `constructor`, `prototype`) is a problem in words,
 * never an exception and never a polluted object.
 */
export function parseSafeJson(text: string, maxChars: number): JsonOutcome {
  if (text.length > maxChars) return { ok: false, problem: `The settings are ${text.length.toLocaleString('en')} characters long; at most ${maxChars.toLocaleString('en')} are read.` };
  let value: unknown;
  try {
    // JSON.parse makes "__proto__" an own property (no pollution); it is refused below all the same.
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `The settings are not valid JSON (${e instanceof Error ? e.message.slice(0, 80) : 'unreadable'}).` };
  }
  const problem = depthProblem(value, 0);
  return problem ? { ok: false, problem } : { ok: true, value };
}
