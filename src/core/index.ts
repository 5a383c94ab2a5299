/** The public API of the core: pure TypeScript shared by workers, tests and Node scripts. */
export { SegmentError, type Outcome, type Problem, type ProblemCode } from './errors.ts';
export type { ColumnRole, CustomerTable, DayNumber, IngestSummary, Mapping, SkipReason, TransactionColumns } from './types.ts';
export type { AnalysisApi, IngestApi, IngestProgress, IngestResult, ReadableFile } from './protocol.ts';
export { CsvTokenizer, sniffDelimiter } from './ingest/csv-tokenizer.ts';
export { daysFromCivil, formatDay, parseDay, DATE_FORMAT_LABELS, type DateFormat } from './ingest/parse-day.ts';
export { parseAmount } from './ingest/parse-amount.ts';
export { normalizeCustomerId } from './ingest/normalize-customer-id.ts';
export { guessMapping, normalizeHeader } from './ingest/guess-mapping.ts';
export { TransactionIngest, type IngestOutput } from './ingest/transaction-ingest.ts';
export { transactionsToArrow } from './ingest/transactions-to-arrow.ts';
export { aggregateCustomers, type CustomerAggregate } from './metrics/aggregate-customers.ts';
export { quantileScores } from './rfm/quantile-scores.ts';
export { scoreRfm, type RfmScores, type RfmSettings } from './rfm/score-rfm.ts';
