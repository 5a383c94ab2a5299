/** The engines the SQL export writes for. */
export type SqlDialectName = 'duckdb' | 'spark' | 'bigquery';

/**
 * Everything that differs between the engines, in one table: the rest of the generator writes
 * SQL the three share (CTEs, CASE, window functions, COUNT(DISTINCT ...), LEAST, LN, FLOOR).
 */
export interface SqlDialect {
  name: SqlDialectName;
  label: string;
  /** Engine versions the scripts are written and checked for. */
  versions: string;
  /** How to run a script file. */
  run: string;
  /** One identifier part, quoted. */
  quote: (name: string) => string;
  /** A text literal. */
  text: (value: string) => string;
  /** An integer day number (days since 1970-01-01) from a DATE or TIMESTAMP. */
  dayNumber: (expr: string) => string;
  /** True when the text has a digit. */
  hasDigit: (expr: string) => string;
  /** True when the text starts with C or c and a digit (a cancelled order). */
  cancelledOrder: (expr: string) => string;
  /** The digits of an id written as a float ("17850.0" → "17850"); other text unchanged. */
  stripFloatZeros: (expr: string) => string;
  /** Integer division of non-negative integers, rounded down. */
  intDiv: (a: string, b: string) => string;
  /** The median of a column over a window (`partition` null: the whole table), interpolated for an even count. */
  median: (expr: string, partition: string | null) => string;
  /** Exact money columns. */
  moneyType: string;
  /** The 64-bit integer type. */
  intType: string;
  /** The double-precision float type. */
  floatType: string;
  /** A column as a key of PARTITION BY (BigQuery cannot partition by a float). */
  partitionKey: (column: string) => string;
  /** A decimal literal kept exact (not a float). */
  decimal: (digits: string) => string;
  /** The statements that replace a table with a query's rows. */
  createTable: (table: string, query: string) => string;
}

const backslashText = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;

/** The dialect table. */
export const SQL_DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = Object.freeze({
  duckdb: {
    name: 'duckdb',
    label: 'DuckDB',
    versions: 'DuckDB 1.x (the tests run it in DuckDB 1.5.6)',
    run: 'duckdb my.db < script.sql',
    quote: (name) => `"${name.replaceAll('"', '""')}"`,
    text: (value) => `'${value.replaceAll("'", "''")}'`,
    dayNumber: (expr) => `date_diff('day', DATE '1970-01-01', CAST(${expr} AS DATE))`,
    hasDigit: (expr) => `regexp_matches(${expr}, '[0-9]')`,
    cancelledOrder: (expr) => `regexp_matches(${expr}, '^[Cc][0-9]')`,
    stripFloatZeros: (expr) => `regexp_replace(${expr}, '^([0-9]+)\\.0+$', '\\1')`,
    intDiv: (a, b) => `(${a}) // (${b})`,
    median: (expr, partition) => `median(${expr}) OVER (${partition ? `PARTITION BY ${partition}` : ''})`,
    moneyType: 'DECIMAL(38, 2)',
    intType: 'BIGINT',
    floatType: 'DOUBLE',
    partitionKey: (column) => column,
    decimal: (digits) => digits,
    createTable: (table, query) => `CREATE OR REPLACE TABLE ${table} AS\n${query};\n`,
  },
  spark: {
    name: 'spark',
    label: 'Spark SQL',
    versions: 'Apache Spark SQL 3.3 or later (checked by a Spark SQL parser, not on a cluster)',
    run: 'spark-sql -f script.sql',
    quote: (name) => `\`${name.replaceAll('`', '``')}\``,
    text: backslashText,
    dayNumber: (expr) => `datediff(CAST(${expr} AS DATE), DATE '1970-01-01')`,
    hasDigit: (expr) => `(${expr} RLIKE '[0-9]')`,
    cancelledOrder: (expr) => `(${expr} RLIKE '^[Cc][0-9]')`,
    stripFloatZeros: (expr) => `regexp_replace(${expr}, '^([0-9]+)\\\\.0+$', '$1')`,
    intDiv: (a, b) => `((${a}) DIV (${b}))`,
    median: (expr, partition) => `percentile(${expr}, 0.5) OVER (${partition ? `PARTITION BY ${partition}` : ''})`,
    moneyType: 'DECIMAL(38, 2)',
    intType: 'BIGINT',
    floatType: 'DOUBLE',
    partitionKey: (column) => column,
    decimal: (digits) => `${digits}BD`,
    createTable: (table, query) => `DROP TABLE IF EXISTS ${table};\nCREATE TABLE ${table} AS\n${query};\n`,
  },
  bigquery: {
    name: 'bigquery',
    label: 'BigQuery',
    versions: 'BigQuery GoogleSQL, standard SQL (checked by a BigQuery SQL parser, not on BigQuery)',
    run: "bq query --use_legacy_sql=false < script.sql",
    quote: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``,
    text: backslashText,
    dayNumber: (expr) => `UNIX_DATE(CAST(${expr} AS DATE))`,
    hasDigit: (expr) => `REGEXP_CONTAINS(${expr}, r'[0-9]')`,
    cancelledOrder: (expr) => `REGEXP_CONTAINS(${expr}, r'^[Cc][0-9]')`,
    stripFloatZeros: (expr) => `REGEXP_REPLACE(${expr}, r'^([0-9]+)\\.0+$', r'\\1')`,
    intDiv: (a, b) => `DIV(${a}, ${b})`,
    median: (expr, partition) => `PERCENTILE_CONT(${expr}, 0.5) OVER (${partition ? `PARTITION BY ${partition}` : ''})`,
    moneyType: 'NUMERIC',
    intType: 'INT64',
    floatType: 'FLOAT64',
    partitionKey: (column) => `CAST(${column} AS STRING)`,
    decimal: (digits) => `CAST('${digits}' AS NUMERIC)`,
    createTable: (table, query) => `CREATE OR REPLACE TABLE ${table} AS\n${query};\n`,
  },
});

/** A number literal the three engines read as the same double: exponent form, shortest round-trip digits. */
export function doubleLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`doubleLiteral: ${x} is not a finite number`);
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 31) return `${x}.0e0`.replace('.0e0', 'e0');
  return x.toExponential().replace('e+', 'e');
}

/** An integer literal. */
export function intLiteral(x: number): string {
  if (!Number.isSafeInteger(x)) throw new Error(`intLiteral: ${x} is not a safe integer`);
  return String(x);
}
