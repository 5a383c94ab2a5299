import { SegmentError } from '../errors.ts';
import { aggregateCustomers } from '../metrics/aggregate-customers.ts';
import type { CustomerTable, IngestSummary, Mapping, TransactionColumns } from '../types.ts';
import { CsvTokenizer, sniffDelimiter } from './csv-tokenizer.ts';
import { DictionaryEncoder } from './dictionary-encoder.ts';
import { GrowableColumn } from './growable-column.ts';
import { guessMapping } from './guess-mapping.ts';
import { normalizeCustomerId } from './normalize-customer-id.ts';
import { parseAmount } from './parse-amount.ts';
import { DATE_FORMAT_LABELS, parseDay, type DateFormat } from './parse-day.ts';
import { SkipCounter } from './skip-counter.ts';

export interface IngestOutput {
  transactions: TransactionColumns;
  customers: CustomerTable;
  summary: IngestSummary;
}

/**
 * Builds the transaction table from text pushed in chunks: sniffs the delimiter, reads the
 * header, guesses the column roles, validates every row into typed columns, and on `finish`
 * aggregates per customer. Expected problems are thrown as {@link SegmentError}.
 */
export class TransactionIngest {
  private tokenizer: CsvTokenizer | null = null;
  private header: string[] | null = null;
  private mapping: Mapping | null = null;
  private readonly customers = new DictionaryEncoder();
  private readonly orders = new DictionaryEncoder();
  private readonly customerCol = new GrowableColumn(Int32Array);
  private readonly dayCol = new GrowableColumn(Int32Array);
  private readonly amountCol = new GrowableColumn(Float64Array);
  private readonly orderCol = new GrowableColumn(Int32Array);
  private readonly skips = new SkipCounter();
  private readonly formats = new Set<DateFormat>();
  private delimiter = ',';
  private dataRows = 0;
  private firstChunk = true;

  constructor(
    private readonly fileName: string,
    private readonly bytes: number,
  ) {}

  /** Data rows read so far (header excluded), for progress. */
  get rowsRead(): number {
    return this.dataRows;
  }

  push(text: string): void {
    if (this.firstChunk) {
      if (text.length === 0) return;
      this.firstChunk = false;
      if (text.slice(0, 4096).includes('\u0000')) {
        throw new SegmentError({
          code: 'binary-file',
          message: `"${this.fileName}" is not a text file (it contains binary data). Export the data as CSV and try again.`,
        });
      }
      this.delimiter = sniffDelimiter(text.slice(0, 65536));
      this.tokenizer = new CsvTokenizer(this.delimiter, (fields, record) => this.onRecord(fields, record));
    }
    this.tokenizer!.push(text);
  }

  finish(): IngestOutput {
    if (!this.tokenizer || !this.header) {
      throw new SegmentError({ code: 'empty-file', message: `"${this.fileName}" is empty: there is nothing to read.` });
    }
    this.tokenizer.finish();
    if (this.dataRows === 0) {
      throw new SegmentError({
        code: 'no-valid-rows',
        message: `"${this.fileName}" has a header but no data rows.`,
        row: 2,
      });
    }
    if (this.customerCol.length === 0) throw this.noValidRows();

    const m = this.mapping!;
    const transactions: TransactionColumns = {
      length: this.customerCol.length,
      customer: this.customerCol.toArray(),
      day: this.dayCol.toArray(),
      amount: this.amountCol.toArray(),
      order: m.order === null ? null : this.orderCol.toArray(),
      customerIds: this.customers.values,
      orderIds: m.order === null ? null : this.orders.values,
      quantity: null,
      category: null,
      categoryNames: null,
      channel: null,
      channelNames: null,
    };
    const agg = aggregateCustomers(transactions);
    if (agg.customers.n === 0) {
      throw new SegmentError({
        code: 'no-valid-rows',
        message: `No row in "${this.fileName}" is a purchase: every amount is zero or negative.`,
      });
    }
    let firstDay = 2147483647;
    let lastDay = -2147483648;
    for (let i = 0; i < transactions.length; i++) {
      const d = transactions.day[i];
      if (d < firstDay) firstDay = d;
      if (d > lastDay) lastDay = d;
    }
    const h = this.header;
    const columns: IngestSummary['columns'] = { customer: h[m.customer], date: h[m.date] };
    if (m.order !== null) columns.order = h[m.order];
    if (m.amount !== null) columns.amount = h[m.amount];
    if (m.quantity !== null) columns.quantity = h[m.quantity];
    if (m.price !== null) columns.price = h[m.price];
    const warnings: string[] = [];
    if (this.tokenizer.unclosedQuoteRecord !== null) {
      warnings.push(`A quote opened in row ${this.tokenizer.unclosedQuoteRecord} is never closed: the rest of the file was read as one cell.`);
    }
    const summary: IngestSummary = {
      fileName: this.fileName,
      bytes: this.bytes,
      delimiter: this.delimiter,
      dateFormat: [...this.formats].map((f) => DATE_FORMAT_LABELS[f]).join(' and '),
      columns,
      rows: this.dataRows,
      rowsUsed: transactions.length,
      skipped: this.skips.list(),
      warnings,
      customers: agg.customers.n,
      customersWithoutPurchase: agg.customersWithoutPurchase,
      orders: agg.orders,
      revenue: agg.revenue,
      returnLines: agg.returnLines,
      firstDay,
      lastDay,
    };
    return { transactions, customers: agg.customers, summary };
  }

  private onRecord(fields: string[], row: number): void {
    if (!this.header) {
      this.header = fields.map((f) => f.trim());
      this.mapping = guessMapping(this.header);
      return;
    }
    this.dataRows++;
    const m = this.mapping!;
    const h = this.header;
    const need = Math.max(m.customer, m.date, m.order ?? -1, m.amount ?? -1, m.quantity ?? -1, m.price ?? -1);
    if (fields.length <= need) {
      this.skips.add('short-row', row, h[need], fields.join(this.delimiter));
      return;
    }
    const id = normalizeCustomerId(fields[m.customer]);
    if (id === '') {
      this.skips.add('missing-customer', row, h[m.customer], fields[m.customer]);
      return;
    }
    const parsed = parseDay(fields[m.date]);
    if (!parsed) {
      this.skips.add('bad-date', row, h[m.date], fields[m.date]);
      return;
    }
    let amount: number;
    if (m.amount !== null) {
      amount = parseAmount(fields[m.amount]);
      if (Number.isNaN(amount)) {
        this.skips.add('bad-amount', row, h[m.amount], fields[m.amount]);
        return;
      }
    } else {
      const q = parseAmount(fields[m.quantity!]);
      if (Number.isNaN(q)) {
        this.skips.add('bad-amount', row, h[m.quantity!], fields[m.quantity!]);
        return;
      }
      const p = parseAmount(fields[m.price!]);
      if (Number.isNaN(p)) {
        this.skips.add('bad-amount', row, h[m.price!], fields[m.price!]);
        return;
      }
      amount = q * p;
    }
    this.formats.add(parsed.format);
    this.customerCol.push(this.customers.encode(id));
    this.dayCol.push(parsed.day);
    this.amountCol.push(amount);
    if (m.order !== null) this.orderCol.push(this.orders.encode(fields[m.order].trim()));
  }

  private noValidRows(): SegmentError {
    const top = this.skips.list()[0];
    const ex = top.examples[0];
    const where = ex ? ` For example row ${ex.row}, column "${ex.column}": "${ex.value}".` : '';
    return new SegmentError({
      code: 'no-valid-rows',
      message: `None of the ${this.dataRows} rows could be used: ${top.count} ${top.count === 1 ? 'row has' : 'rows have'} ${top.label}.${where}`,
      row: ex?.row,
      column: ex?.column,
    });
  }
}
