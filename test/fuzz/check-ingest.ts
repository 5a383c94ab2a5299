import { connect } from '../workers/connect.ts';
import { createIngestApi, type PartReader } from '../../workers/ingest-api.ts';
import { PartStop, readPart } from '../../workers/ingest-part-api.ts';
import type { ImportPreview, IngestApi, IngestResult, Outcome, Problem } from '../../src/core/index.ts';
import type { FuzzCase } from './fuzz-cases.ts';

/** Longest message the app may show: file text in messages is cut (a whole line once stalled the page). */
const MAX_MESSAGE = 2000;
/** Longest piece of file text quoted in a message, a column name or an example value (clipText's 80). */
const MAX_QUOTED = 80;

const CODES = new Set<Problem['code']>([
  'empty-file', 'no-header', 'no-customer-column', 'no-date-column', 'no-amount-column', 'no-valid-rows',
  'binary-file', 'one-column', 'too-many-columns', 'unsupported-format', 'sheet-not-found', 'read-failed',
]);

/** Problems about one place in the file: they must name the row (and the column where there is one). */
const PLACED = new Set<Problem['code']>(['no-customer-column', 'no-date-column', 'no-amount-column', 'too-many-columns', 'one-column']);

/** What went wrong with one case: empty when the ingest behaved. */
export type Violations = string[];

function checkProblem(p: Problem, fileName: string, out: Violations, where: string): void {
  if (!CODES.has(p.code)) out.push(`${where}: unknown problem code ${p.code}`);
  if (typeof p.message !== 'string' || p.message.length < 10) out.push(`${where}: no message`);
  else if (p.message.length > MAX_MESSAGE) out.push(`${where}: message of ${p.message.length} characters (file text not cut)`);
  else if (!p.message.includes(fileName) && !/row \d+/i.test(p.message) && !/column/i.test(p.message)) {
    out.push(`${where}: the message names neither the file nor a row or column: ${p.message}`);
  }
  if (p.row !== undefined && !(Number.isInteger(p.row) && p.row >= 1)) out.push(`${where}: row ${p.row} is not a row number`);
  if (p.column !== undefined && p.column.length > MAX_QUOTED) out.push(`${where}: column name of ${p.column.length} characters`);
  if (PLACED.has(p.code) && p.row === undefined && p.column === undefined) out.push(`${where}: ${p.code} names no row or column`);
  if (p.code === 'no-valid-rows' && /could be used/.test(p.message) && (p.row === undefined || p.column === undefined || !/row \d+, column "/.test(p.message))) {
    out.push(`${where}: rows that could not be used, but no example row and column: ${p.message}`);
  }
}

function checkPreview(outcome: Outcome<ImportPreview>, fileName: string, out: Violations): void {
  if (!outcome.ok) return checkProblem(outcome.problem, fileName, out, 'preview');
  const { header, rows, guess } = outcome.value;
  if (header.length < 2) out.push(`preview: a mapping step over ${header.length} column(s)`);
  for (const row of rows) if (row.length !== header.length) out.push(`preview: a row of ${row.length} cells under ${header.length} columns`);
  for (const index of Object.values(guess)) {
    if (index !== null && index !== -1 && !(index >= 0 && index < header.length)) out.push(`preview: a guessed column ${index} outside the header`);
  }
}

function checkResult(result: IngestResult, out: Violations): void {
  const { customers: c, summary: s } = result;
  const n = c.frequency.length;
  if (n < 1) out.push('ingest: a result with no customer');
  if (c.ids.offsets.length !== n + 1 || c.monetary.length !== n || c.firstDay.length !== n || c.lastDay.length !== n) out.push('ingest: customer columns of different lengths');
  if (s.customers !== n) out.push(`ingest: summary says ${s.customers} customers, the table has ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(c.monetary[i])) {
      out.push(`ingest: customer ${i} has monetary ${c.monetary[i]}`);
      break;
    }
    if (!(c.frequency[i] >= 1) || c.firstDay[i] > c.lastDay[i]) {
      out.push(`ingest: customer ${i} has frequency ${c.frequency[i]}, days ${c.firstDay[i]}..${c.lastDay[i]}`);
      break;
    }
  }
  if (!Number.isFinite(s.revenue)) out.push(`ingest: revenue ${s.revenue}`);
  if (s.rowsUsed > s.rows) out.push(`ingest: ${s.rowsUsed} rows used of ${s.rows}`);
  if (s.analysisDay !== s.lastDay + 1 || s.firstDay > s.lastDay) out.push(`ingest: days ${s.firstDay}..${s.lastDay}, analysis day ${s.analysisDay}`);
  for (const skip of s.skipped) {
    for (const ex of skip.examples) {
      if (!(ex.row >= 2 && ex.row <= s.rows + 1)) out.push(`ingest: skipped example at row ${ex.row} of ${s.rows} data rows`);
      if (ex.column.length > MAX_QUOTED || ex.value.length > MAX_QUOTED) out.push(`ingest: skipped example quotes ${ex.column.length} + ${ex.value.length} characters`);
    }
  }
  for (const w of s.warnings) if (w.length > MAX_MESSAGE) out.push(`ingest: a warning of ${w.length} characters`);
  for (const [role, name] of Object.entries(s.columns)) if (name.length > MAX_QUOTED) out.push(`ingest: the ${role} column's name has ${name.length} characters`);
}

/**
 * The part reader the worker uses, in-process (the second half of the file read from the first's
 * context), in slices of 997 bytes: the first worker is done first and takes over the second
 * half of what is left (see IngestPartApi.stopAt), so the joins at that cut are checked too.
 */
const inProcess: PartReader = (file, fileName, context, onProgress) => {
  const stop = new PartStop();
  return { result: readPart(file, fileName, context, onProgress, 997, stop), cancel: () => {}, stopAt: async (offset) => stop.at(offset) };
};

function same(a: IngestResult, b: IngestResult): boolean {
  const plain = (r: IngestResult) => JSON.stringify(r, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
  return plain(a) === plain(b);
}

/** Rejects after `ms`: a case that neither answers nor fails is a hang. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/**
 * Runs one case through the ingest worker's API over a MessageChannel, as the app does:
 * the preview for the mapping step, then the import, read in one part and (for text) in two
 * parts as large files are, and the metrics that follow. Returns what was wrong.
 */
export async function checkIngest(c: FuzzCase, timeLimitMs: number, sliceBytes = 1 << 16): Promise<Violations> {
  const out: Violations = [];
  const blob = new Blob([c.bytes]);
  const started = performance.now();
  try {
    await within(timeLimitMs, (async () => {
      const api = connect<IngestApi>(createIngestApi({ sliceBytes }));
      checkPreview(await api.preview(blob, c.fileName), c.fileName, out);
      const one = await api.ingest(blob, c.fileName);
      if (!one.ok) return checkProblem(one.problem, c.fileName, out, 'ingest');
      checkResult(one.value, out);
      const metrics = await api.metrics();
      if (!metrics || metrics.metrics.analysisDay !== one.value.summary.analysisDay) out.push('ingest: no metrics for the table');
      // Cut in two as large files are in the app. Past 128 KB the first part holds the 64 KB the
      // delimiter and number style are sniffed from, as in the app (which cuts files of 16 MB and
      // more), and the answer must be the same; below, it must be sane.
      if (c.bytes.length > 64 && c.bytes.length < 4 << 20) {
        const split = connect<IngestApi>(createIngestApi({ sliceBytes: 1 << 16, partReader: inProcess, parallelMinBytes: 1, stealMinBytes: 4 << 10 }));
        const two = await split.ingest(blob, c.fileName);
        if (c.bytes.length < 128 << 10) {
          if (two.ok) checkResult(two.value, out);
          else checkProblem(two.problem, c.fileName, out, 'ingest in two parts');
          return;
        }
        if (!two.ok) out.push(`ingest in two parts: ${two.problem.code} (${two.problem.message.slice(0, 200)}) where one part read the file`);
        else if (!same(one.value, two.value)) out.push('ingest in two parts: a different result from one part');
      }
    })());
  } catch (e) {
    out.push(`threw: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e).slice(0, 300)}`);
  }
  // A synchronous stall would hold up the timer above too: the elapsed time is checked after.
  const seconds = (performance.now() - started) / 1000;
  if (seconds > timeLimitMs / 1000) out.push(`took ${seconds.toFixed(1)} s, more than ${timeLimitMs / 1000} s`);
  return out;
}
