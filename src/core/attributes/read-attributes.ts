import { SegmentError } from '../errors.ts';
import { CsvTokenizer, sniffDelimiter } from '../ingest/csv-tokenizer.ts';
import { guessRoles } from '../ingest/guess-mapping.ts';
import { normalizeCustomerId } from '../ingest/normalize-customer-id.ts';
import { parseDay } from '../ingest/parse-day.ts';
import { clipText } from '../ingest/file-shape-problems.ts';
import type { AttributeColumn, AttributeTable } from './attribute-table.ts';

const NUMBER = /^[+-]?(?:\d+[.,]?\d*|[.,]\d+)$/;

/**
 * Reads a customer attributes file (already decoded text): the id column is guessed like the
 * transactions' customer column, every other column becomes an attribute. A column is numeric
 * when all its non-empty cells are plain numbers (a decimal comma is accepted), a date when all
 * are ISO dates, and text otherwise. The first row of an id wins; later repeats are counted.
 */
export function readAttributes(fileName: string, text: string): AttributeTable {
  const delimiter = sniffDelimiter(text);
  let header: string[] | null = null;
  const cells: string[][] = [];
  const t = new CsvTokenizer(delimiter, (fields) => {
    if (!header) header = fields.map((f) => f.trim());
    else cells.push(fields.map((f) => f.trim()));
  });
  t.push(text);
  t.finish();
  if (!header) throw new SegmentError({ code: 'empty-file', message: `"${fileName}" is empty: there is nothing to read.` });
  const head: string[] = header;
  const idIndex = guessRoles(head).customer;
  if (idIndex < 0) {
    throw new SegmentError({
      code: 'no-customer-column',
      message: `No customer id column found in "${fileName}". Name the column "Customer ID" (or Customer, Client ID). Columns in the file: ${head.slice(0, 20).map((h) => `"${clipText(h)}"`).join(', ')}${head.length > 20 ? ` and ${head.length - 20} more` : ''}.`,
      row: 1,
    });
  }
  const ids: string[] = [];
  const keep: string[][] = [];
  const seen = new Set<string>();
  let rowsWithoutId = 0;
  let duplicateIds = 0;
  for (const row of cells) {
    const id = normalizeCustomerId(row[idIndex] ?? '');
    if (!id) rowsWithoutId++;
    else if (seen.has(id)) duplicateIds++;
    else {
      seen.add(id);
      ids.push(id);
      keep.push(row);
    }
  }
  const columns: AttributeColumn[] = [];
  head.forEach((name, c) => {
    if (c !== idIndex) columns.push(readColumn(name || `Column ${c + 1}`, keep.map((r) => r[c] ?? '')));
  });
  return { fileName, idColumn: head[idIndex], ids, columns, rowsWithoutId, duplicateIds };
}

function readColumn(name: string, values: string[]): AttributeColumn {
  const filled = values.filter((v) => v !== '');
  if (filled.length > 0 && filled.every((v) => NUMBER.test(v))) {
    return { name, kind: 'number', values: Float64Array.from(values, (v) => (v === '' ? NaN : Number(v.replace(',', '.')))) };
  }
  if (filled.length > 0 && filled.every((v) => parseDay(v) !== null)) {
    return { name, kind: 'date', values: Float64Array.from(values, (v) => parseDay(v)?.day ?? NaN) };
  }
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === '') return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = labels.length;
      index.set(v, code);
      labels.push(v);
    }
    return code;
  });
  return { name, kind: 'text', codes, labels };
}
