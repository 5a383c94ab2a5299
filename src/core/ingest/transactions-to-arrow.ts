import { DateDay, Dictionary, Float64, Int32, Table, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import type { TransactionColumns, Utf8Values } from '../types.ts';

function dictionaryVector(codes: Int32Array, values: string[] | Utf8Values): Vector<Dictionary<Utf8, Int32>> {
  const type = new Dictionary(new Utf8(), new Int32());
  const dictionary = Array.isArray(values)
    ? vectorFromArray(values, new Utf8())
    : makeVector(makeData({ type: new Utf8(), length: values.offsets.length - 1, data: values.data, valueOffsets: values.offsets }));
  return makeVector(makeData({ type, length: codes.length, data: codes, dictionary }));
}

/**
 * Wraps the typed transaction columns as an Arrow table without copying the numbers:
 * customer and order as dictionary columns (built from the ingest's raw UTF-8 bytes when it
 * has them), day as Arrow DateDay (days since the epoch).
 */
export function transactionsToArrow(tx: TransactionColumns): Table {
  const raw = tx.rawDictionaries;
  const columns: Record<string, Vector> = {
    customer: dictionaryVector(tx.customer, raw?.customer ?? tx.customerIds),
    day: makeVector(makeData({ type: new DateDay(), length: tx.length, data: tx.day })),
    amount: makeVector(makeData({ type: new Float64(), length: tx.length, data: tx.amount })),
  };
  if (tx.order) {
    const values = raw?.order ?? tx.orderIds;
    if (values) columns.order = dictionaryVector(tx.order, values);
  }
  return new Table(columns);
}
