import { describe, expect, it } from 'vitest';
import { DateColumn, daysFromCivil } from '../../../../src/core/index.ts';

function column(values: string[]): DateColumn {
  const c = new DateColumn(2);
  const enc = new TextEncoder();
  for (const v of values) {
    const b = enc.encode(v);
    c.push(b, 0, b.length);
  }
  return c;
}
const d = daysFromCivil;

describe('DateColumn', () => {
  it('reads ISO dates and date-times as calendar days', () => {
    const c = column(['2011-12-09', '2011-12-09 23:59:00', '2011/12/10', '2011-12-11T01:00:00Z']);
    expect(c.reading()).toEqual({ reading: 'year-first', ambiguous: false });
    expect([...c.days('year-first').days]).toEqual([d(2011, 12, 9), d(2011, 12, 9), d(2011, 12, 10), d(2011, 12, 11)]);
  });

  it('decides day-first from one day above 12 anywhere in the column', () => {
    const c = column(['01/02/2024', '03/04/2024', '13/02/2024']);
    expect(c.reading()).toEqual({ reading: 'day-first', ambiguous: false });
    expect([...c.days('day-first').days]).toEqual([d(2024, 2, 1), d(2024, 4, 3), d(2024, 2, 13)]);
  });

  it('decides month-first the same way, with dots, dashes and times', () => {
    const c = column(['02.01.2024 10:00', '12-31-2023', '1/15/2024']);
    expect(c.reading()).toEqual({ reading: 'month-first', ambiguous: false });
    expect([...c.days('month-first').days]).toEqual([d(2024, 2, 1), d(2023, 12, 31), d(2024, 1, 15)]);
  });

  it('says when the column cannot tell, with the range under each reading', () => {
    const c = column(['01/02/2024', '03/04/2024']);
    expect(c.reading()).toEqual({ reading: null, ambiguous: true });
    expect(c.days('day-first')).toMatchObject({ first: d(2024, 2, 1), last: d(2024, 4, 3), bad: 0 });
    expect(c.days('month-first')).toMatchObject({ first: d(2024, 1, 2), last: d(2024, 3, 4), bad: 0 });
  });

  it('reads two-digit years with 69 as the pivot', () => {
    const c = column(['31/12/99', '01/01/00', '15/06/68']);
    expect([...c.days('day-first').days]).toEqual([d(1999, 12, 31), d(2000, 1, 1), d(2068, 6, 15)]);
  });

  it('reads YYYYMMDD, Excel serial days and Unix times', () => {
    expect([...column(['19970101', '19980630']).days('yyyymmdd').days]).toEqual([d(1997, 1, 1), d(1998, 6, 30)]);
    // Excel: 40886 is 2011-12-09 (days since 1899-12-30); a fraction is the time of day.
    const serial = column(['40886', '40886.75']);
    expect(serial.reading().reading).toBe('excel-serial');
    expect([...serial.days('excel-serial').days]).toEqual([d(2011, 12, 9), d(2011, 12, 9)]);
    expect([...column(['1323388800']).days('unix-seconds').days]).toEqual([d(2011, 12, 9)]);
    expect([...column(['1323475199000']).days('unix-millis').days]).toEqual([d(2011, 12, 9)]);
  });

  it('refuses cells that are not dates, and days that do not exist under the reading', () => {
    const c = new DateColumn();
    const enc = new TextEncoder();
    for (const bad of ['', 'soon', 'Dec 31st', '2011-02-30', '2011-13-01', '32/01/2024']) {
      const b = enc.encode(bad);
      expect(c.push(b, 0, b.length), bad).toBe(false);
    }
    expect(c.size).toBe(0);
    const mixed = column(['13/02/2024', '02/13/2024']);
    const r = mixed.reading();
    expect(r.reading === 'day-first' || r.reading === 'month-first').toBe(true);
    expect(mixed.days(r.reading!).bad).toBe(1);
  });

  it('takes back the last cell with pop', () => {
    const c = column(['2024-01-01', '2024-01-02']);
    c.pop();
    expect([...c.days('year-first').days]).toEqual([d(2024, 1, 1)]);
  });

  it('takeDayPieces gives what days gives, whether the cells are handed over or read, and leaves the column empty', () => {
    const cases: Array<[string[], 'year-first' | 'day-first' | 'unix-seconds']> = [
      // Every cell has the reading's shape: handed over as they are.
      [['2011-12-09', '2011-12-11', '2010-01-31'], 'year-first'],
      [['1323388800', '1323475199'], 'unix-seconds'],
      // A cell of another shape, and day/month/year cells: read as days() reads them.
      [['2011-12-09', '09/12/2011', '2011-12-01'], 'year-first'],
      [['13/01/2024', '02/03/2024', '31/02/2024'], 'day-first'],
    ];
    for (const [cells, reading] of cases) {
      const taken = column(cells);
      const expected = column(cells).days(reading);
      expect(taken.takeDayPieces(reading)).toEqual({ ...expected, days: [expected.days] });
      expect(taken.size).toBe(0);
    }
  });

  it('reads the cells of parts taken with adoptRaw where they are, as the column read whole reads them', () => {
    const cases: Array<[string[][], 'year-first' | 'day-first' | 'unix-seconds']> = [
      // Handed over: every cell of each run has the reading's shape.
      [[['2011-12-09', '2011-12-11'], ['2010-01-31'], ['2012-02-29', '2012-03-01']], 'year-first'],
      // One run has a cell of another shape: that run is read, the others handed over.
      [[['2011-12-09', '2011-12-11'], ['2011-12-09', '09/12/2011'], ['2012-03-01']], 'year-first'],
      [[['1323388800'], ['1323475199', '1323388800']], 'unix-seconds'],
      // Day/month/year: each run read, and the order told by a cell of a later part.
      [[['01/02/2024', '02/03/2024'], ['13/01/2024', '31/02/2024']], 'day-first'],
      // The main shape told by the parts' cells, more than those read here.
      [[['01/02/2024', '02/03/2024'], ['2011-12-09', '2011-12-10', '2011-12-11']], 'year-first'],
    ];
    for (const [runs, reading] of cases) {
      const whole = column(runs.flat());
      const parts = column(runs[0]);
      const others = runs.slice(1).map((cells) => column(cells).exportRaw());
      for (const raw of others) parts.adoptRaw(raw);
      expect(parts.size).toBe(whole.size);
      expect(parts.reading()).toEqual(whole.reading());
      const expected = whole.days(reading);
      const taken = parts.takeDayPieces(reading);
      expect(taken.days.map((d) => d.length)).toEqual(runs.map((r) => r.length));
      expect({ ...taken, days: taken.days.flatMap((d) => [...d]) }).toEqual({ ...expected, days: [...expected.days] });
      expect(parts.size).toBe(0);
    }
  });

  it('joins the parts taken with adoptRaw into one column, each freed as it is copied', () => {
    const parts = column(['2011-12-09']);
    const raw = column(['10/12/2011', '2011-12-11']).exportRaw();
    parts.adoptRaw(raw);
    expect(raw.shape.buffer.byteLength).toBeGreaterThan(0);
    parts.joinPieces();
    expect(raw.shape.buffer.byteLength + raw.raw.buffer.byteLength).toBe(0);
    expect(parts.days('year-first')).toEqual(column(['2011-12-09', '10/12/2011', '2011-12-11']).days('year-first'));
  });

  it('reads a cell equal to the one before (lines of one order) as it reads it the first time', () => {
    const cells = ['2011-12-09', '2011-12-09', ' 2011-12-09 ', '2011-12-10', '13/02/2024', '13/02/2024', 'x', 'x', '2011-12-10', '40886', '40886', '2011-12-09 23:59:00', '2011-12-09 23:59:00'];
    const repeated = column(cells);
    // Each cell alone in a column of its own: nothing remembered from a cell before.
    const alone = cells.map((c) => column([c]));
    expect(repeated.size).toBe(alone.reduce((n, c) => n + c.size, 0));
    const reading = repeated.reading();
    const days = [...repeated.days('year-first').days];
    const expected = alone.filter((c) => c.size === 1).map((c) => c.days('year-first').days[0]);
    expect(days).toEqual(expected);
    expect([...repeated.days('day-first').days]).toEqual(alone.filter((c) => c.size === 1).map((c) => c.days('day-first').days[0]));
    expect(reading).toEqual(column(cells.filter((c) => c !== 'x')).reading());
    // A cell read again after one taken back (its row skipped for another reason) counts as before.
    const popped = column(['2011-12-09']);
    popped.pop();
    const enc = new TextEncoder();
    expect(popped.push(enc.encode('2011-12-09'), 0, 10)).toBe(true);
    expect([...popped.days('year-first').days]).toEqual([d(2011, 12, 9)]);
  });
});
