import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDay, parseDay } from '../../../src/core/index.ts';

const MS_PER_DAY = 86_400_000;

describe('daysFromCivil', () => {
  it('counts days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
  });

  it('agrees with Date.UTC on every day from 1899 to 2101', () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 0, 1); t += MS_PER_DAY) {
      const d = new Date(t);
      if (daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) !== t / MS_PER_DAY) wrong.push(d.toISOString());
    }
    expect(wrong).toEqual([]);
  });
});

describe('formatDay', () => {
  it('is the inverse of daysFromCivil', () => {
    for (let day = -30000; day < 60000; day += 7) {
      const [y, m, d] = formatDay(day).split('-').map(Number);
      expect(daysFromCivil(y, m, d)).toBe(day);
    }
    expect(formatDay(15317)).toBe('2011-12-09');
  });
});

describe('parseDay', () => {
  it('reads ISO dates and ignores the time of day', () => {
    expect(parseDay('2011-12-09')).toEqual({ day: daysFromCivil(2011, 12, 9), format: 'iso' });
    expect(parseDay('2011-12-09 23:59:59')?.day).toBe(daysFromCivil(2011, 12, 9));
    expect(parseDay('2011-12-09T23:30:00-05:00')?.day).toBe(daysFromCivil(2011, 12, 9));
    expect(parseDay(' 2011-1-5 ')?.day).toBe(daysFromCivil(2011, 1, 5));
  });

  it('reads compact YYYYMMDD dates', () => {
    expect(parseDay('19970101')).toEqual({ day: daysFromCivil(1997, 1, 1), format: 'yyyymmdd' });
  });

  it('rejects dates that do not exist', () => {
    expect(parseDay('2011-02-29')).toBeNull();
    expect(parseDay('2012-02-29')?.day).toBe(daysFromCivil(2012, 2, 29));
    expect(parseDay('1900-02-29')).toBeNull();
    expect(parseDay('2000-02-29')).not.toBeNull();
    expect(parseDay('2011-13-01')).toBeNull();
    expect(parseDay('2011-04-31')).toBeNull();
  });

  it('rejects text that is not a date', () => {
    for (const s of ['', 'not a date', '12/31/2011', '2011-12', '201112', '2011-12-09x']) expect(parseDay(s)).toBeNull();
  });
});
