import { formatDay } from '../ingest/parse-day.ts';
import type { CsvColumn } from '../export/customers-csv.ts';
import type { CustomerAttributes } from './attribute-table.ts';

/** The joined attributes as export columns, in the attributes file's order; dates as ISO days. */
export function attributeCsvColumns(attributes: CustomerAttributes): CsvColumn[] {
  return attributes.columns.map((col): CsvColumn => {
    if (col.kind === 'text') return { header: col.name, kind: 'category', codes: col.codes, names: col.labels };
    if (col.kind === 'number') return { header: col.name, kind: 'number', values: col.values };
    return { header: col.name, kind: 'text', values: Array.from(col.values, (d) => (Number.isNaN(d) ? '' : formatDay(d))) };
  });
}
