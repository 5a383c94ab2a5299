import { civilFromDays as civil } from '../ingest/parse-day.ts';
import type { AttributeColumn, AttributeTable, CustomerAttributes } from './attribute-table.ts';

const BIRTH = /birth|dob|geburt|naissance|nacimiento|urodzenia|nascimento/i;

/**
 * Lines the attributes up with the customers (by id, as normalised at ingest) and counts what
 * did not match, both ways. A date column that looks like a birth date also gives an
 * "Age" column: whole years on the analysis day.
 */
export function joinAttributes(customerIds: readonly string[], table: AttributeTable, analysisDay: number): CustomerAttributes {
  const n = customerIds.length;
  const rowOf = new Map<string, number>();
  table.ids.forEach((id, r) => rowOf.set(id, r));
  const row = new Int32Array(n).fill(-1);
  let matched = 0;
  const customerSet = new Set(customerIds);
  customerIds.forEach((id, i) => {
    const r = rowOf.get(id);
    if (r !== undefined) {
      row[i] = r;
      matched++;
    }
  });
  const unmatched = table.ids.filter((id) => !customerSet.has(id));
  const columns: AttributeColumn[] = [];
  for (const col of table.columns) {
    if (col.kind === 'text') {
      columns.push({ name: col.name, kind: 'text', labels: col.labels, codes: Int32Array.from(row, (r) => (r < 0 ? -1 : col.codes[r])) });
    } else {
      const values = Float64Array.from(row, (r) => (r < 0 ? NaN : col.values[r]));
      columns.push({ name: col.name, kind: col.kind, values });
      if (col.kind === 'date' && BIRTH.test(col.name)) columns.push({ name: 'Age', kind: 'number', values: ages(values, analysisDay) });
    }
  }
  return {
    columns,
    matched,
    customersWithoutAttributes: n - matched,
    rowsWithoutCustomer: unmatched.length,
    unmatchedExamples: unmatched.slice(0, 5),
  };
}

/** Completed years between each birth day and the analysis day (NaN when unknown). */
function ages(birthDays: Float64Array, analysisDay: number): Float64Array {
  const on = civil(analysisDay);
  return birthDays.map((b) => {
    if (Number.isNaN(b)) return NaN;
    const born = civil(b);
    let years = on.y - born.y;
    if (on.m < born.m || (on.m === born.m && on.d < born.d)) years--;
    return years;
  });
}
