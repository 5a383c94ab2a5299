import { DateDay, Dictionary, Float64, Int32, Table, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import type { TransactionColumns } from '../types.ts';

function dictionaryVector(codes: Int32Array, values: string[]): Vector<Dictionary<Utf8, Int32>> {
  const type = new Dictionary(new Utf8(), new Int32());
  const dictionary = vectorFromArray(values, new Utf8());
  return makeVector(makeData({ type, length: codes.length, data: codes, dictionary }));
}

/**
 * Wraps the typed transaction columns as an Arrow table without copying the numbers:
 * customer and order as dictionary columns, day as Arrow DateDay (days since the epoch).
 */
export function transactionsToArrow(tx: TransactionColumns): Table {
  const columns: Record<string, Vector> = {
    customer: dictionaryVector(tx.customer, tx.customerIds),
    day: makeVector(makeData({ type: new DateDay(), length: tx.length, data: tx.day })),
    amount: makeVector(makeData({ type: new Float64(), length: tx.length, data: tx.amount })),
  };
  if (tx.order && tx.orderIds) columns.order = dictionaryVector(tx.order, tx.orderIds);
  return new Table(columns);
}
