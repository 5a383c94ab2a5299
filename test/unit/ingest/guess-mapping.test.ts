import { describe, expect, it } from 'vitest';
import { SegmentError, guessMapping } from '../../../src/core/index.ts';

describe('guessMapping', () => {
  it('maps the Online Retail header, with revenue from quantity and unit price', () => {
    const header = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
    expect(guessMapping(header)).toEqual({ customer: 6, date: 4, order: 0, amount: null, quantity: 3, price: 5, product: 1, category: null, channel: null, cost: null, unitCost: null });
  });

  it('prefers a line total over quantity and price, keeping the quantity for item counts', () => {
    expect(guessMapping(['customer_id', 'order_date', 'qty', 'price', 'total'])).toEqual({
      customer: 0,
      date: 1,
      order: null,
      amount: 4,
      quantity: 2,
      price: null,
      product: null,
      category: null,
      channel: null,
      cost: null,
      unitCost: null,
    });
  });

  it('finds category and channel columns, in other languages and with accents', () => {
    expect(guessMapping(['Kunde', 'Datum', 'Betrag', 'Warengruppe', 'Kanal'])).toMatchObject({ category: 3, channel: 4 });
    expect(guessMapping(['Client', 'Date', 'Montant', 'Catégorie', 'Canal'])).toMatchObject({ customer: 0, category: 3, channel: 4 });
  });

  it('ignores case, spaces and punctuation in names', () => {
    expect(guessMapping(['Customer ID', 'Order Date', 'Order ID', 'Sales Amount'])).toEqual({
      customer: 0,
      date: 1,
      order: 2,
      amount: 3,
      quantity: null,
      price: null,
      product: null,
      category: null,
      channel: null,
      cost: null,
      unitCost: null,
    });
  });

  it('names the missing role and the columns it saw', () => {
    const fail = (header: string[]) => {
      try {
        guessMapping(header);
      } catch (e) {
        return (e as SegmentError).problem;
      }
      throw new Error('expected a problem');
    };
    expect(fail(['id', 'when', 'how much'])).toMatchObject({ code: 'no-customer-column', row: 1 });
    expect(fail(['id', 'when', 'how much']).message).toContain('"how much"');
    expect(fail(['customer', 'amount']).code).toBe('no-date-column');
    expect(fail(['customer', 'date', 'quantity']).code).toBe('no-amount-column');
  });
});
