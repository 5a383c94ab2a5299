import type { DayNumber } from '../types.ts';

/** One column of customer attributes: numbers (NaN when empty), days, or text as codes. */
export type AttributeColumn =
  | { name: string; kind: 'number'; values: Float64Array }
  | { name: string; kind: 'date'; values: Float64Array }
  | { name: string; kind: 'text'; codes: Int32Array; labels: string[] };

/** A file of customer attributes as read: one row per id, in file order. */
export interface AttributeTable {
  fileName: string;
  idColumn: string;
  ids: string[];
  columns: AttributeColumn[];
  /** Rows without an id, and rows repeating an id already seen (the first one wins). */
  rowsWithoutId: number;
  duplicateIds: number;
}

/** Attributes lined up with the customer table: entry i belongs to customer i. */
export interface CustomerAttributes {
  columns: AttributeColumn[];
  /** Customers in the table with a row in the attributes file. */
  matched: number;
  /** Customers with no attributes row. */
  customersWithoutAttributes: number;
  /** Attribute rows whose id is not a customer of the transactions file. */
  rowsWithoutCustomer: number;
  /** First few such ids, to show the analyst what did not match. */
  unmatchedExamples: string[];
}

export type { DayNumber };
