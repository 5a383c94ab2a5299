import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SegmentError, TransactionIngest, customerMetrics, daysFromCivil, packStrings, repeatedRows, unpackStrings, type IngestOptions, type Problem, type TextEncodingName } from '../../../src/core/index.ts';

const SMALL_SHOP = readFileSync(new URL('../../fixtures/small-shop.csv', import.meta.url), 'utf8');

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const decode = (b: Uint8Array, e: TextEncodingName) => (e === 'utf-8' ? utf8 : cp1252).decode(b);

function ingest(text: string | Uint8Array, chunkSize = text.length || 1, options: Partial<IngestOptions> = {}) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const t = new TransactionIngest({ fileName: 'test.csv', bytes: bytes.length, decode, ...options });
  for (let i = 0; i < bytes.length; i += chunkSize) t.push(bytes.subarray(i, i + chunkSize));
  return t.finish();
}

function problemOf(text: string): Problem {
  try {
    ingest(text);
  } catch (e) {
    if (e instanceof SegmentError) return e.problem;
    throw e;
  }
  throw new Error('expected a problem');
}

describe('TransactionIngest on small-shop.csv', () => {
  // Worked out from the file, line by line (the header is row 1):
  // c1: orders A1 (rows 2-3, 120.00) and A3 (row 5, 30.00): 2 orders, 150.00, 2024-01-05 .. 2024-02-01
  // c2: order A2 (row 4, 50.00) and return R1 (row 7, -10.00): 1 order, 40.00, last 2024-01-10
  // c3: order A4 (row 6, 200.00): 1 order, last 2024-02-10
  // c4: row 9 bad date, row 10 bad amount, order A8 (row 11, 5.50): 1 order, last 2024-02-20
  // c5: only a return (row 12): not a customer
  // row 8 has no customer id.
  const out = ingest(SMALL_SHOP);

  it('aggregates one row per purchasing customer', () => {
    const c = out.customers;
    expect(c.ids).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect([...c.frequency]).toEqual([2, 1, 1, 1]);
    expect([...c.monetary]).toEqual([150, 40, 200, 5.5]);
    expect([...c.firstDay]).toEqual([daysFromCivil(2024, 1, 5), daysFromCivil(2024, 1, 10), daysFromCivil(2024, 2, 10), daysFromCivil(2024, 2, 20)]);
    expect([...c.lastDay]).toEqual([daysFromCivil(2024, 2, 1), daysFromCivil(2024, 1, 10), daysFromCivil(2024, 2, 10), daysFromCivil(2024, 2, 20)]);
  });

  it('summarises the file and says what it skipped, where', () => {
    const s = out.summary;
    expect(s).toMatchObject({
      rows: 11,
      rowsUsed: 8,
      customers: 4,
      customersWithoutPurchase: 1,
      orders: 5,
      revenue: 395.5,
      returnLines: 2,
      firstDay: daysFromCivil(2024, 1, 5),
      lastDay: daysFromCivil(2024, 2, 20),
      delimiter: ',',
      columns: { customer: 'Customer ID', date: 'Date', order: 'Order', amount: 'Amount' },
    });
    const byCode = Object.fromEntries(s.skipped.map((r) => [r.code, r]));
    expect(byCode['missing-customer'].examples).toEqual([{ row: 8, column: 'Customer ID', value: '' }]);
    expect(byCode['missing-customer'].label).toMatch(/^customer id missing/);
    expect(byCode['bad-date'].examples).toEqual([{ row: 9, column: 'Date', value: 'not a date' }]);
    expect(byCode['bad-amount'].examples).toEqual([{ row: 10, column: 'Amount', value: 'abc' }]);
  });

  it('gives the same result whatever the chunk size', () => {
    for (const size of [1, 2, 7, 64]) expect(ingest(SMALL_SHOP, size)).toEqual(out);
  });

  it('reports how it read the file', () => {
    expect(out.summary).toMatchObject({ encoding: 'utf-8', numberStyle: { decimal: '.', thousands: ',' }, dateAmbiguity: null, dateFormat: 'year-month-day (2011-12-09)' });
  });

  it('keeps the transactions as dictionary-encoded typed columns', () => {
    const tx = out.transactions;
    expect(tx.length).toBe(8);
    expect(tx.customerIds).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect([...tx.customer]).toEqual([0, 0, 1, 0, 2, 1, 3, 4]);
    expect(tx.orderIds).toEqual(['A1', 'A2', 'A3', 'A4', 'R1', 'A8', 'A9']);
  });
});

describe('TransactionIngest revenue and orders', () => {
  it('computes line revenue as quantity x unit price', () => {
    const out = ingest('InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,3,2011-01-01 10:00:00,2.50,17850.0\n2,-1,2011-01-02 09:00:00,2.50,17850.0\n');
    expect(out.customers.ids).toEqual(['17850']);
    expect([...out.customers.monetary]).toEqual([5]);
    expect(out.summary.columns).toMatchObject({ quantity: 'Quantity', price: 'UnitPrice' });
  });

  it('counts purchase days as orders when there is no order column', () => {
    const out = ingest('customer,date,amount\na,2024-01-01,1\na,2024-01-01,2\na,2024-01-02,3\nb,2024-01-01,4\n');
    expect([...out.customers.frequency]).toEqual([2, 1]);
    expect(out.summary.orders).toBe(3);
  });

  it('counts an order id shared by two customers once for each', () => {
    const out = ingest('order,customer,date,amount\nX,a,2024-01-01,1\nX,b,2024-01-01,1\nX,a,2024-01-01,1\nX,b,2024-01-02,1\n');
    expect([...out.customers.frequency]).toEqual([1, 1]);
  });

  it('reads semicolon-separated files and strips nothing but whitespace from ids', () => {
    const out = ingest('Kunde;Datum;Betrag\n K1 ;2024-03-01;10\nK1;2024-03-02;5\n');
    expect(out.customers.ids).toEqual(['K1']);
    expect(out.summary.delimiter).toBe(';');
  });

  it('skips rows with fewer columns than the header', () => {
    const out = ingest('customer,date,amount\na,2024-01-01,1\nb,2024-01-01\n');
    expect(out.summary.skipped).toEqual([
      { code: 'short-row', label: 'fewer columns than the header', count: 1, examples: [{ row: 3, column: 'amount', value: 'b,2024-01-01' }] },
    ]);
  });
});

describe('TransactionIngest missing values', () => {
  // Each missing id, date or amount is written the way one tool or another writes it.
  const CSV = [
    'order,customer,date,amount',
    'o1,a,2024-01-01,10',
    'o2,NA,2024-01-02,20',
    'o3,null,2024-01-02,30',
    'o4,#N/A,2024-01-03,40',
    'o5,b,N/A,50',
    'o6,b,,60',
    'o7,b,2024-01-04,NaN',
    'o8,b,2024-01-04,-',
    'o9,b,2024-01-05,None',
    'o10,b,2024-01-06,abc',
    'NA,c,2024-01-07,5',
    'NULL,c,2024-01-08,6',
    '',
  ].join('\n');

  it('counts an amount past the range of a double as unreadable, with its row, and keeps every sum finite', () => {
    const out = ingest(['order,customer,date,amount', 'o1,a,2024-01-01,10.00', 'o2,a,2024-01-02,50.001e309', 'o3,b,2024-01-03,-1e400', 'o4,b,2024-01-04,5', ''].join('\n'));
    const bad = out.summary.skipped.find((r) => r.code === 'bad-amount');
    expect(bad?.count).toBe(2);
    expect(bad?.examples[0]).toEqual({ row: 3, column: 'amount', value: '50.001e309' });
    expect(Array.from(out.customers.monetary)).toEqual([10, 5]);
    expect(out.summary.revenue).toBe(15);
  });

  it('does not make a customer of NA, null or #N/A, and counts the rows as missing, apart from unreadable ones', () => {
    const out = ingest(CSV);
    expect(out.customers.ids).toEqual(['a', 'c']);
    const byCode = Object.fromEntries(out.summary.skipped.map((r) => [r.code, r]));
    expect(byCode['missing-customer'].count).toBe(3);
    expect(byCode['missing-customer'].examples.map((e) => e.value)).toEqual(['NA', 'null', '#N/A']);
    expect(byCode['missing-date'].count).toBe(2);
    expect(byCode['missing-date'].examples[0]).toEqual({ row: 6, column: 'date', value: 'N/A' });
    expect(byCode['missing-amount'].count).toBe(3);
    expect(byCode['bad-amount'].count).toBe(1);
    expect(byCode['bad-amount'].examples[0]).toEqual({ row: 11, column: 'amount', value: 'abc' });
    expect(out.summary.rowsUsed).toBe(3);
  });

  it('does not make one order of every line whose order id is NA, and says how many lines have none', () => {
    const out = ingest(CSV);
    expect(out.transactions.orderIds).not.toContain('NA');
    expect(out.summary.warnings.some((w) => w.startsWith('2 rows have no order id'))).toBe(true);
  });

  it('reads the markers it is given instead', () => {
    const out = ingest(CSV, CSV.length, { missingMarkers: ['null'] });
    expect(out.customers.ids).toEqual(['a', 'NA', '#N/A', 'c']);
    expect(out.summary.skipped.find((r) => r.code === 'missing-customer')?.count).toBe(1);
  });

  it('passes the markers to a part of the file read in parallel', () => {
    const first = new TransactionIngest({ fileName: 'p.csv', bytes: 0, decode, missingMarkers: ['?'] });
    first.push(new TextEncoder().encode('customer,date,amount\na,2024-01-01,1\n'));
    const part = new TransactionIngest({ fileName: 'p.csv', bytes: 0, decode, continuation: first.context()! });
    part.push(new TextEncoder().encode('?,2024-01-02,2\nNA,2024-01-03,3\n'));
    first.mergePart(part.finishPart());
    const out = first.finish();
    expect(out.customers.ids).toEqual(['a', 'NA']);
    expect(out.summary.skipped.find((r) => r.code === 'missing-customer')?.count).toBe(1);
  });
});

describe('TransactionIngest money', () => {
  const CSV = 'customer,date,amount\na,2024-01-01,0.10\na,2024-01-02,0.20\na,2024-01-03,-0.30\nb,2024-01-01,0.70\nb,2024-01-02,-0.20\nb,2024-01-03,-0.50\nc,2024-01-01,0.1\nc,2024-01-01,0.2\n';

  it('sums every customer, the revenue and the cleaning report exactly to the cent', () => {
    const out = ingest(CSV);
    expect([...out.customers.monetary]).toEqual([0, 0, 0.3]);
    expect(out.summary.revenue).toBe(0.3);
    expect(out.summary.cleaning.find((s) => s.rule === 'returns')?.amount).toBe(-1);
  });

  it('gives returned value and recent revenue without residues', () => {
    const out = ingest(CSV);
    const m = customerMetrics(out.transactions, out.customers, daysFromCivil(2024, 1, 4));
    expect([...m.returnValue]).toEqual([0.3, 0.7, 0]);
    expect([...m.recentRevenue]).toEqual([0, 0, 0.3]);
  });
});

describe('TransactionIngest identical rows', () => {
  // A per-line export without a product column: lines 2 and 3 are two products of equal total.
  const PER_LINE = 'Order,Customer,Date,Total\n1,a,2024-01-01,9.99\n1,a,2024-01-01,9.99\n2,b,2024-01-02,5.00\n';

  it('keeps identical rows by default when no product column tells the lines apart, and says so', () => {
    const out = ingest(PER_LINE);
    expect([...out.customers.monetary]).toEqual([19.98, 5]);
    expect(out.summary.cleaningPolicy.duplicates).toBe('keep');
    expect(out.summary.cleaning.find((s) => s.rule === 'duplicates')).toMatchObject({ rows: 1, action: 'kept', examples: [3] });
  });

  it('drops them when asked', () => {
    const out = ingest(PER_LINE, PER_LINE.length, { cleaning: { duplicates: 'drop' } });
    expect([...out.customers.monetary]).toEqual([9.99, 5]);
    expect(out.summary.cleaningPolicy.duplicates).toBe('drop');
  });

  it('drops them by default when a product column is mapped', () => {
    const text = 'Order,SKU,Customer,Date,Total\n1,X1,a,2024-01-01,9.99\n1,X1,a,2024-01-01,9.99\n1,X2,a,2024-01-01,9.99\n';
    const out = ingest(text);
    expect(out.summary.columns.product).toBe('SKU');
    expect([...out.customers.monetary]).toEqual([19.98]);
    expect(out.summary.cleaning.find((s) => s.rule === 'duplicates')).toMatchObject({ rows: 1, action: 'dropped' });
  });
});

describe('TransactionIngest.finishWith', () => {
  // Copies of lines, lines of equal totals, and dates of two shapes: the year-first reading
  // leaves the day-first cells out, copies included, after the hashes are taken.
  const lines = ['Order,SKU,Customer,Date,Total'];
  for (let i = 0; i < 400; i++) {
    const date = i % 37 === 5 ? `0${1 + (i % 9)}/02/2024` : `2024-0${1 + (i % 9)}-1${i % 10}`;
    const line = `${i % 50},X${i % 3},c${i % 17},${date},${(i % 13) + 0.5}`;
    lines.push(line);
    if (i % 6 === 0) lines.push(line);
  }
  const text = `${lines.join('\n')}\n`;
  const start = (cleaning: { duplicates: 'drop' | 'keep' }) => {
    const bytes = new TextEncoder().encode(text);
    const t = new TransactionIngest({ fileName: 'test.csv', bytes: bytes.length, decode, cleaning });
    t.push(bytes);
    return t;
  };

  it('gives what finish() gives, with the repeats found by another (a later answer)', async () => {
    for (const duplicates of ['drop', 'keep'] as const) {
      let asked = 0;
      const elsewhere = await start({ duplicates }).finishWith(async (hashes) => {
        asked++;
        await new Promise((r) => setTimeout(r, 5));
        return repeatedRows(hashes, 'groups');
      });
      const here = start({ duplicates }).finish();
      expect(asked).toBe(1);
      expect(elsewhere.summary.skipped.find((s) => s.code === 'bad-date')?.count).toBeGreaterThan(0);
      expect(elsewhere.summary.cleaning.find((s) => s.rule === 'duplicates')!.rows).toBeGreaterThan(0);
      expect(elsewhere.customers).toEqual(here.customers);
      expect(elsewhere.summary).toEqual(here.summary);
      expect(elsewhere.readLines!()).toEqual(here.readLines!());
    }
  });

  it('ends with the file\'s problem, not the search\'s, when no row is usable', async () => {
    const bytes = new TextEncoder().encode('Customer,Date,Total\na,2024-01-01,x\n');
    const t = new TransactionIngest({ fileName: 'test.csv', bytes: bytes.length, decode });
    t.push(bytes);
    await expect(t.finishWith(() => Promise.reject(new Error('never asked for')))).rejects.toBeInstanceOf(SegmentError);
  });
});

describe('TransactionIngest blank quantity', () => {
  it('keeps the line by its amount, and a blank or NA quantity does not make the customer\'s items NaN', () => {
    const out = ingest('customer,date,quantity,amount\na,2024-01-01,2,10\na,2024-01-02,,5\na,2024-01-03,NA,5\nb,2024-01-01,3,6\n');
    expect([...out.customers.monetary]).toEqual([20, 6]);
    const m = customerMetrics(out.transactions, out.customers, daysFromCivil(2024, 1, 4));
    expect([...m.items]).toEqual([2, 3]);
  });
});

describe('TransactionIngest problems', () => {
  it('says a file is empty', () => {
    expect(problemOf('').code).toBe('empty-file');
    expect(problemOf('\n\n').code).toBe('empty-file');
  });

  it('says a file has a header but no rows', () => {
    expect(problemOf('customer,date,amount\n')).toMatchObject({ code: 'no-valid-rows', row: 2 });
  });

  it('names the columns when no customer column is found', () => {
    const p = problemOf('foo,bar\n1,2\n');
    expect(p.code).toBe('no-customer-column');
    expect(p.message).toContain('"foo", "bar"');
  });

  it('says where the dates could not be read when none can', () => {
    const p = problemOf('customer,date,amount\na,Dec 31st,1\nb,yesterday,2\n');
    expect(p).toMatchObject({ code: 'no-valid-rows', row: 2, column: 'date' });
    expect(p.message).toContain('2 rows have date not readable');
    expect(p.message).toContain('"Dec 31st"');
  });

  it('reads a text file with a NUL byte in one field, naming its row and column', () => {
    const text = 'customer,date,note,amount\na,2024-01-01,ok,5\nb,2024-01-02,bro\u0000ken,6\nc,2024-01-03,ok,7\n';
    for (const chunk of [1 << 16, 5]) {
      const out = ingest(text, chunk);
      expect(out.customers.n).toBe(3);
      expect(out.summary.warnings).toContain('Row 3, column "note": a NUL byte (a control character text files do not hold), read as part of the text.');
    }
  });

  it('reports a NUL byte and a stray quote found in a part of the file read in parallel, by their rows in the whole file', () => {
    const first = new TransactionIngest({ fileName: 'p.csv', bytes: 0, decode });
    first.push(new TextEncoder().encode('customer,date,note,amount\na,2024-01-01,x,1\n'));
    const part = new TransactionIngest({ fileName: 'p.csv', bytes: 0, decode, continuation: first.context()! });
    part.push(new TextEncoder().encode('b,2024-01-02,bro\u0000ken,2\nc,2024-01-03,"oops,3\n'));
    first.mergePart(part.finishPart());
    const out = first.finish();
    expect(out.customers.n).toBe(3);
    expect(out.summary.warnings).toContain('Row 3, column "note": a NUL byte (a control character text files do not hold), read as part of the text.');
    expect(out.summary.warnings.find((w) => w.includes('quote mark'))).toContain('1 row has a quote mark that is never closed (the first in row 4)');
  });

  it('refuses binary files', () => {
    expect(problemOf('PK\u0003\u0004\u0000\u0000binary').code).toBe('binary-file');
  });

  it('reads a row with a quote that is never closed as spreadsheets do, and says so, losing no customer', () => {
    // 400 customers, five lines each; row 1030 (the header is row 1) has a stray quote in its note.
    const lines = ['customer,date,note,amount'];
    for (let r = 0; r < 2000; r++) lines.push(`c${r % 400},2024-01-${String(1 + (r % 28)).padStart(2, '0')},${r === 1028 ? '"gift wrap, blue' : 'ok'},${(r % 7) + 1}.25`);
    for (const chunk of [1 << 20, 4096, 7]) {
      const out = ingest(lines.join('\n') + '\n', chunk);
      expect(out.customers.n).toBe(400);
      // The comma in the note, no longer quoted, moves the amount: that one row cannot be used, and says where.
      expect(out.summary.rowsUsed).toBe(1999);
      expect(out.summary.skipped.flatMap((k) => k.examples.map((e) => e.row))).toEqual([1030]);
      expect(out.summary.warnings).toContain(
        '1 row has a quote mark that is never closed (the first in row 1030): the quote was read as an ordinary character, as spreadsheets do, and the rest of the file as usual. Check that row in the file.',
      );
    }
  });

  it('says when no line is a purchase', () => {
    expect(problemOf('customer,date,amount\na,2024-01-01,-5\nb,2024-01-01,0\n').code).toBe('no-valid-rows');
  });
});

describe('TransactionIngest on real-world exports', () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));

  it('reads a Windows-1252 file with pound signs and accents', () => {
    const out = ingest(fixture('windows-1252.csv'), 5);
    expect(out.summary.encoding).toBe('windows-1252');
    expect(out.customers.ids).toEqual(['Zoë Müller', 'Renée']);
    expect([...out.customers.monetary]).toEqual([20, 100]);
    expect(out.summary.columns).toMatchObject({ customer: 'Client', amount: 'Montant', category: 'Catégorie' });
    expect(out.transactions.categoryNames).toEqual(['Café', 'Thé']);
  });

  it('reads a semicolon file with decimal commas, day-first dates, € and accounting negatives', () => {
    // K-001: 1.234,56 on B1 and a return of 34,56 -> 1200.00, one order (the return is no order)
    // K-002: "12,00 €" -> 12
    // K-003: (5,00) is -5 on 2023-12-31, then 99,90 -> 94.90, one order
    const out = ingest(fixture('semicolon-decimal-comma.csv'), 3);
    expect(out.summary).toMatchObject({
      delimiter: ';',
      numberStyle: { decimal: ',', thousands: '.' },
      dateFormat: 'day/month/year (09/12/2011)',
      dateAmbiguity: null,
      returnLines: 2,
    });
    expect(out.customers.ids).toEqual(['K-001', 'K-002', 'K-003']);
    expect([...out.customers.monetary].map((m) => Math.round(m * 100) / 100)).toEqual([1200, 12, 94.9]);
    expect([...out.customers.frequency]).toEqual([1, 1, 1]);
    expect([...out.customers.lastDay]).toEqual([daysFromCivil(2024, 2, 13), daysFromCivil(2024, 3, 5), daysFromCivil(2024, 1, 2)]);
    expect(out.transactions.channelNames).toEqual(['Online', 'Filiale']);
  });

  it('flags day/month dates the file cannot settle, and reads them as asked', () => {
    const text = 'customer,date,amount\na,01/02/2024,5\nb,03/04/2024,7\n';
    const guessed = ingest(text);
    expect(guessed.summary.dateAmbiguity).toEqual({
      dayFirst: [daysFromCivil(2024, 2, 1), daysFromCivil(2024, 4, 3)],
      monthFirst: [daysFromCivil(2024, 1, 2), daysFromCivil(2024, 3, 4)],
    });
    expect(guessed.summary.dateFormat).toBe('day/month/year (09/12/2011)');
    const asked = ingest(text, text.length, { dateReading: 'month-first' });
    expect(asked.summary.dateAmbiguity).toBeNull();
    expect([...asked.customers.lastDay]).toEqual([daysFromCivil(2024, 1, 2), daysFromCivil(2024, 3, 4)]);
    expect([...ingest(text, text.length, { preferDayFirst: false }).customers.lastDay]).toEqual([daysFromCivil(2024, 1, 2), daysFromCivil(2024, 3, 4)]);
  });

  it('reads a UTF-8 file as UTF-8 when a character straddles the end of the 64 KB sniffing sample', () => {
    // Found by the fuzz test: the cut character made the sample invalid UTF-8, and the whole file was read as Windows-1252.
    const header = 'customer,date,amount\n';
    const filler = 'a'.repeat(65_535 - header.length - ',2024-01-01,5\n'.length);
    const text = `${header}${filler},2024-01-01,5\nü,2024-01-02,7\nMüller,2024-01-03,9\n`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes[65_535]).toBe(0xc3);
    const out = ingest(bytes);
    expect(out.summary.encoding).toBe('utf-8');
    expect(out.customers.ids).toEqual([filler, 'ü', 'Müller']);
  });

  it('reads the ids as UTF-8 when a bad byte is only in a skipped cell, and quotes that cell', () => {
    // Found by the fuzz test: the quoted cell switched the whole file to Windows-1252 (and only when read in one part).
    const bytes = new Uint8Array([...new TextEncoder().encode('customer,date,amount\nMüller,2024-01-01,5\nb,2024-01-0'), 0xff, ...new TextEncoder().encode(',7\n')]);
    const out = ingest(bytes);
    expect(out.summary.encoding).toBe('utf-8');
    expect(out.customers.ids).toEqual(['Müller']);
    expect(out.summary.skipped[0].examples[0]).toEqual({ row: 3, column: 'date', value: '2024-01-0ÿ' });
  });

  it('uses the column roles it is given instead of guessing', () => {
    const text = 'a,b,c,d\nX,2024-01-01,5,9\nY,2024-01-02,6,1\n';
    const out = ingest(text, text.length, {
      mapping: { customer: 0, date: 1, amount: 3, order: null, quantity: null, price: null, product: null, category: null, channel: null },
    });
    expect([...out.customers.monetary]).toEqual([9, 1]);
  });

  it('counts a day that does not fit the column reading as a skipped row, with its row', () => {
    const out = ingest('customer,date,amount\na,13/02/2024,5\nb,02/13/2024,7\nc,14/02/2024,1\n');
    expect(out.summary.customers).toBe(2);
    expect(out.summary.skipped).toEqual([
      expect.objectContaining({ code: 'bad-date', count: 1, examples: [{ row: 3, column: 'date', value: 'does not read as day/month/year (09/12/2011)' }] }),
    ]);
  });
});

describe('TransactionIngest cleaning rules', () => {
  // Rows (header = row 1):
  // 2  536365 85123A  6 x 2.55 = 15.30  c1 2010-12-01
  // 3  536365 85123A  6 x 2.55          c1  exact duplicate of row 2
  // 4  536366 POST    1 x 18.00 = 18.00 c1  non-product (no digit in the code)
  // 5  C536367 85123A -2 x 2.55 = -5.10 c1  cancellation (C order, negative)
  // 6  536368 22423   1 x 0.00 = 0      c2  zero price
  // 7  536369 22423   2 x 10.00 = 20.00 c2 2010-12-02
  // 8  536370 BANK CHARGES 1 x 15.00   c3  non-product; c3's only line
  const text = [
    'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID',
    '536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0',
    '536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0',
    '536366,POST,1,2010-12-01 09:00:00,18.00,17850.0',
    'C536367,85123A,-2,2010-12-01 10:00:00,2.55,17850.0',
    '536368,22423,1,2010-12-01 11:00:00,0.00,13047.0',
    '536369,22423,2,2010-12-02 11:00:00,10.00,13047.0',
    '536370,BANK CHARGES,1,2010-12-02 12:00:00,15.00,12583.0',
  ].join('\n');
  const round = (x: number) => Math.round(x * 100) / 100;

  it('by default nets returns, drops duplicates, leaves out zero prices, keeps non-product lines', () => {
    const out = ingest(text);
    // 17850: 15.30 + 18.00 - 5.10 = 28.20; 13047: 20.00; 12583: 15.00
    expect(out.customers.ids).toEqual(['17850', '13047', '12583']);
    expect([...out.customers.monetary].map(round)).toEqual([28.2, 20, 15]);
    expect(out.summary.rowsUsed).toBe(5);
    const steps = Object.fromEntries(out.summary.cleaning.map((s) => [s.rule, s]));
    expect(steps.returns).toMatchObject({ rows: 1, action: 'netted against the customer', examples: [5] });
    expect(round(steps.returns.amount)).toBe(-5.1);
    expect(steps.duplicates).toMatchObject({ rows: 1, action: 'dropped', examples: [3] });
    expect(steps.nonPositivePrice).toMatchObject({ rows: 1, action: 'left out', examples: [6] });
    expect(steps.nonProduct).toMatchObject({ rows: 2, action: 'kept', examples: [4, 8] });
    // Before cleaning: the duplicate adds 15.30 to 17850; the zero-price line adds nothing.
    expect(out.summary.beforeCleaning.customers).toBe(3);
    expect(round(out.summary.beforeCleaning.revenue)).toBe(78.5);
  });

  it('applies the other choice of every rule', () => {
    const out = ingest(text, text.length, { cleaning: { returns: 'exclude', duplicates: 'keep', nonPositivePrice: 'keep', nonProduct: 'exclude' } });
    // 17850: 15.30 twice (duplicate kept), no POST, no cancellation = 30.60; 13047: 0 + 20; 12583 gone
    expect(out.customers.ids).toEqual(['17850', '13047']);
    expect([...out.customers.monetary].map(round)).toEqual([30.6, 20]);
    expect(out.summary.cleaning.find((s) => s.rule === 'nonProduct')?.action).toBe('left out');
  });

  it('says so when the rules leave nothing', () => {
    expect(() => ingest('customer,date,amount\na,2024-01-01,-5\n', 100, { cleaning: { returns: 'exclude' } })).toThrow(/cleaning rules/);
  });
});

describe('TransactionIngest on the Online Retail slice', () => {
  // Independent reference for the cleaning: known customer, no C invoices, quantity > 0,
  // price > 0, exact duplicates once. Plain papaparse rows, Maps and Sets.
  const text = readFileSync(new URL('../../fixtures/online-retail/online-retail-slice.csv', import.meta.url), 'utf8');

  it('matches a plain reference customer by customer under the reference cleaning', () => {
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const seen = new Set<string>();
    const ref = new Map<string, { orders: Set<string>; mills: number }>();
    for (const r of rows) {
      const id = r.CustomerID.trim().replace(/\.0$/, '');
      if (!id || r.InvoiceNo.startsWith('C') || !(Number(r.Quantity) > 0) || !(Number(r.UnitPrice) > 0)) continue;
      const key = JSON.stringify(r);
      if (seen.has(key)) continue;
      seen.add(key);
      const c = ref.get(id) ?? { orders: new Set(), mills: 0 };
      c.orders.add(r.InvoiceNo);
      c.mills += Math.round(Number(r.Quantity) * Number(r.UnitPrice) * 1000);
      ref.set(id, c);
    }
    const out = ingest(text, 4096, { cleaning: { returns: 'exclude', duplicates: 'drop', nonPositivePrice: 'exclude', nonProduct: 'keep' } });
    expect(out.customers.n).toBe(ref.size);
    const mismatches: string[] = [];
    out.customers.ids.forEach((id, i) => {
      const r = ref.get(id);
      if (!r || r.orders.size !== out.customers.frequency[i] || Math.abs(r.mills / 1000 - out.customers.monetary[i]) > 0.005) mismatches.push(id);
    });
    expect(mismatches).toEqual([]);
  });
});

describe('TransactionIngest customer ids for the page', () => {
  const file = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
  const read = (bytes: Uint8Array) => {
    const t = new TransactionIngest({ fileName: 'f.csv', bytes: bytes.length, decode });
    t.push(bytes);
    return t.finish();
  };

  it('packs the table\'s ids from the bytes read, as packStrings packs them from the decoded ids', () => {
    for (const name of ['small-shop.csv', 'semicolon-decimal-comma.csv', 'online-retail/online-retail-slice.csv']) {
      const out = read(file(name));
      const packed = out.packedCustomerIds!();
      expect(packed, name).not.toBeNull();
      expect(unpackStrings(packed!, (b) => utf8.decode(b))).toEqual(out.customers.ids);
      expect(packed).toEqual(packStrings(out.customers.ids));
    }
  });

  it('leaves ids that are not plain ASCII to be packed from their text', () => {
    const utf8Ids = read(new TextEncoder().encode('customer,date,amount\nZoë,2024-01-02,5\nBjörn,2024-01-03,7\n'));
    expect(utf8Ids.customers.ids).toEqual(['Zoë', 'Björn']);
    expect(utf8Ids.packedCustomerIds!()).toBeNull();
    const cp = read(file('windows-1252.csv'));
    expect(cp.summary.encoding).toBe('windows-1252');
    expect(cp.packedCustomerIds!()).toBeNull();
  });
});
