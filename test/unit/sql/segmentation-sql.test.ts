import { SparkSQL } from 'dt-sql-parser';
import NodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { segmentationSql } from '../../../src/core/sql/segmentation-sql.ts';
import { SQL_DIALECTS } from '../../../src/core/sql/sql-dialect.ts';
import { goldenInput } from './golden-input.ts';

// A script with its last closing parenthesis gone: the parsers must reject it, or their approval means nothing.
const broken = (sql: string) => {
  const at = sql.lastIndexOf(')');
  return sql.slice(0, at) + sql.slice(at + 1);
};

describe('segmentationSql(input) for Spark SQL', () => {
  for (const thresholds of ['fixed', 'recomputed'] as const) {
    it(`matches its golden file and parses as Spark SQL (${thresholds})`, async () => {
      const sql = segmentationSql(goldenInput('spark', thresholds));
      await expect(sql).toMatchFileSnapshot(`golden/spark-${thresholds}.sql`);
      const spark = new SparkSQL();
      expect(spark.validate(sql)).toEqual([]);
      expect(spark.validate(broken(sql)).length).toBeGreaterThan(0);
    }, 180_000);
  }
});

describe('segmentationSql(input) for BigQuery', () => {
  for (const thresholds of ['fixed', 'recomputed'] as const) {
    it(`matches its golden file and parses as BigQuery standard SQL (${thresholds})`, async () => {
      const sql = segmentationSql(goldenInput('bigquery', thresholds));
      await expect(sql).toMatchFileSnapshot(`golden/bigquery-${thresholds}.sql`);
      const parser = new NodeSqlParser.Parser();
      const ast = parser.astify(sql, { database: 'bigquery' });
      const statements = Array.isArray(ast) ? ast : [ast];
      expect(statements.map((s) => s.type)).toEqual(['create']);
      expect(() => parser.astify(broken(sql), { database: 'bigquery' })).toThrow();
    }, 180_000);
  }
});

describe('segmentationSql(input) for DuckDB', () => {
  it('matches its golden file', async () => {
    await expect(segmentationSql(goldenInput('duckdb', 'fixed'))).toMatchFileSnapshot('golden/duckdb-fixed.sql');
  });
});

describe('segmentationSql(input) header and steps', () => {
  const sql = segmentationSql(goldenInput('duckdb', 'fixed'));

  it('opens with the app version, fingerprints, the input columns and types, and the engine', () => {
    const header = sql.slice(0, sql.indexOf('CREATE'));
    expect(header).toContain('Segment Studio 0.1.0');
    expect(header).toMatch(/Settings fingerprint: [0-9a-f]{16}/);
    expect(header).toContain('fingerprint 0123456789abcdef');
    expect(header).toContain('--   InvoiceDate: DATE or TIMESTAMP');
    expect(header).toContain('--   Quantity: number');
    expect(header).toContain('--   Country: any type');
    expect(header).toContain(SQL_DIALECTS.duckdb.versions);
    expect(header.split('\n').every((l) => l === '' || l.startsWith('--'))).toBe(true);
  });

  it('has the pipeline\'s steps in order, each commented', () => {
    const steps = [...sql.matchAll(/^-- (\d+)[a-z]?\. /gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
  });

  it('changes its settings fingerprint with the settings', () => {
    const other = goldenInput('duckdb', 'fixed');
    other.settings.rfm.bins = 4;
    const fp = (s: string) => /Settings fingerprint: (\w+)/.exec(s)![1];
    expect(fp(segmentationSql(other))).not.toBe(fp(sql));
  });

  it('keeps a file name with a line break inside its comment', () => {
    const input = goldenInput('duckdb', 'fixed');
    input.source.fileName = 'shop.csv\nDROP TABLE customers; --';
    const out = segmentationSql(input);
    expect(out.split('\n').filter((l) => l.startsWith('DROP'))).toEqual([]);
  });

  it('quotes text and names in each dialect', () => {
    expect(segmentationSql(goldenInput('duckdb', 'fixed'))).toContain(`'Middle (the ''rest'')'`);
    expect(segmentationSql(goldenInput('spark', 'fixed'))).toContain(`'Middle (the \\'rest\\')'`);
    expect(segmentationSql(goldenInput('bigquery', 'fixed'))).toContain('AS `Shop\'s "regulars"`');
  });

  it('refuses a rule segment on a field it does not compute, naming both', () => {
    const input = goldenInput('duckdb', 'fixed');
    input.ruleSegments.push({ header: 'UK', rule: { field: 'attribute:Country', op: 'eq', value: 'UK' } });
    expect(() => segmentationSql(input)).toThrow('The rule segment "UK" uses "attribute:Country", which the SQL export does not compute.');
  });
});
