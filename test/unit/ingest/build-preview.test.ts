import { describe, expect, it } from 'vitest';
import { buildPreview, guessRoles, mappingProblems } from '../../../src/core/index.ts';

describe('buildPreview', () => {
  it('parses the header and the first rows, padded to the header width', () => {
    const p = buildPreview('x.csv', 'Customer;Date;Amount\na;2024-01-01;"1,5"\nb;2024-01-02\n', 5);
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['Customer', 'Date', 'Amount']);
    expect(p.rows).toEqual([
      ['a', '2024-01-01', '1,5'],
      ['b', '2024-01-02', ''],
    ]);
    expect(p.guess).toMatchObject({ customer: 0, date: 1, amount: 2 });
  });

  it('drops a last row cut off by the end of the sample', () => {
    const p = buildPreview('x.csv', 'customer,date,amount\na,2024-01-01,5\nb,2024-01-0');
    expect(p.rows).toEqual([['a', '2024-01-01', '5']]);
  });

  it('shows at most the requested number of rows', () => {
    const text = 'c,d,a\n' + Array.from({ length: 50 }, (_, i) => `c${i},2024-01-01,1`).join('\n') + '\n';
    expect(buildPreview('x.csv', text, 12).rows).toHaveLength(12);
  });
});

describe('guessRoles and mappingProblems', () => {
  it('marks required roles it cannot find with -1 and says what is missing', () => {
    const m = guessRoles(['when', 'how much']);
    expect(m.customer).toBe(-1);
    expect(m.date).toBe(-1);
    expect(mappingProblems(m, 2)).toEqual([
      'Choose the customer id column.',
      'Choose the date column.',
      'Choose an amount column, or both a quantity and a unit price column.',
    ]);
  });

  it('accepts quantity and unit price instead of an amount', () => {
    expect(mappingProblems(guessRoles(['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice']), 4)).toEqual([]);
  });

  it('refuses one column in two roles', () => {
    const m = { ...guessRoles(['customer', 'date', 'amount']), order: 0 };
    expect(mappingProblems(m, 3)).toEqual(['One column cannot be both customer and order.']);
  });
});
