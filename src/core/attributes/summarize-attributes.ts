import type { AttributeTable, CustomerAttributes } from './attribute-table.ts';

/** What the app shows about a joined attributes file: small, plain data for the main thread. */
export interface AttributeSummary {
  fileName: string;
  idColumn: string;
  columns: Array<{ name: string; kind: 'number' | 'date' | 'text'; distinct?: number }>;
  rows: number;
  rowsWithoutId: number;
  duplicateIds: number;
  matched: number;
  customersWithoutAttributes: number;
  rowsWithoutCustomer: number;
  unmatchedExamples: string[];
}

export function summarizeAttributes(table: AttributeTable, joined: CustomerAttributes): AttributeSummary {
  return {
    fileName: table.fileName,
    idColumn: table.idColumn,
    columns: joined.columns.map((c) => (c.kind === 'text' ? { name: c.name, kind: c.kind, distinct: c.labels.length } : { name: c.name, kind: c.kind })),
    rows: table.ids.length,
    rowsWithoutId: table.rowsWithoutId,
    duplicateIds: table.duplicateIds,
    matched: joined.matched,
    customersWithoutAttributes: joined.customersWithoutAttributes,
    rowsWithoutCustomer: joined.rowsWithoutCustomer,
    unmatchedExamples: joined.unmatchedExamples,
  };
}
