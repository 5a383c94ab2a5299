import { SegmentError } from '../errors.ts';
import type { ColumnRole, Mapping } from '../types.ts';
import { clipText } from './file-shape-problems.ts';

/**
 * Header names that signal each role, compared after lower-casing and dropping everything but
 * letters and digits ("Customer ID" and "customer_id" both become "customerid").
 * Earlier names win over later ones.
 */
const NAMES: Record<ColumnRole, string[]> = {
  customer: ['customerid', 'customer', 'custid', 'customerno', 'customernumber', 'clientid', 'client', 'memberid', 'userid', 'accountid', 'buyerid', 'buyer', 'kundennummer', 'kunde', 'idclient', 'clienteid', 'cliente'],
  date: ['invoicedate', 'orderdate', 'transactiondate', 'purchasedate', 'date', 'datetime', 'timestamp', 'orderedat', 'createdat', 'datum', 'fecha'],
  order: ['invoiceno', 'invoicenumber', 'invoiceid', 'invoice', 'orderid', 'orderno', 'ordernumber', 'order', 'transactionid', 'receiptid', 'receipt', 'bestellnummer', 'rechnungsnummer'],
  amount: ['amount', 'revenue', 'sales', 'salesamount', 'total', 'totalamount', 'linetotal', 'netamount', 'value', 'dollarvalue', 'spend', 'umsatz', 'betrag', 'montant', 'importe'],
  quantity: ['quantity', 'qty', 'units', 'numberofitems', 'menge', 'anzahl', 'quantite', 'cantidad'],
  // A unit cost is not a price: it goes to the unitCost role.
  price: ['unitprice', 'price', 'priceeach', 'itemprice', 'preis', 'prix', 'precio'],
  product: ['stockcode', 'sku', 'productid', 'productcode', 'itemcode', 'itemid', 'articlenumber', 'artikelnummer', 'product', 'item', 'article', 'produkt', 'artikel', 'produit', 'producto'],
  category: ['category', 'productcategory', 'categoryname', 'productgroup', 'department', 'kategorie', 'warengruppe', 'categorie', 'categoria', 'kategoria'],
  channel: ['channel', 'saleschannel', 'orderchannel', 'source', 'kanal', 'vertriebskanal', 'canal', 'kanał'],
  cost: ['cost', 'cogs', 'linecost', 'totalcost', 'costtotal', 'costofgoods', 'costofgoodssold', 'costofsales', 'warenkosten', 'wareneinsatz', 'kosten', 'cout', 'coste', 'costo'],
  unitCost: ['unitcost', 'costperunit', 'costprice', 'unitcogs', 'itemcost', 'einstandspreis', 'einkaufspreis', 'ekpreis', 'purchaseprice', 'coutunitaire', 'prixdachat', 'costeunitario', 'costounitario'],
};

/**
 * Roles guessed from exact names only: a loose match would take "Shipping cost" or "Cost
 * centre" for the cost of the goods, and a wrong cost changes every margin without a sign.
 */
const EXACT_ONLY: ReadonlySet<ColumnRole> = new Set(['cost', 'unitCost']);

export function normalizeHeader(name: string): string {
  // Letters of any script stay ("kanał"), accents are dropped ("Catégorie" -> "categorie").
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function findColumn(keys: string[], names: string[], taken: Set<number>, loose = true): number | null {
  for (const name of names) {
    const i = keys.findIndex((k, j) => !taken.has(j) && k === name);
    if (i >= 0) return i;
  }
  if (!loose) return null;
  // A looser second pass: "Customer Code" or "order_date_utc" still say what they are.
  for (const name of names) {
    if (name.length < 4) continue;
    const i = keys.findIndex((k, j) => !taken.has(j) && k.includes(name));
    if (i >= 0) return i;
  }
  return null;
}

/** Every role guessed independently of whether the file is usable: null where none fits. */
export function guessRoles(header: readonly string[]): Mapping {
  const keys = header.map(normalizeHeader);
  const taken = new Set<number>();
  const pick = (role: ColumnRole): number | null => {
    const i = findColumn(keys, NAMES[role], taken, !EXACT_ONLY.has(role));
    if (i !== null) taken.add(i);
    return i;
  };
  const customer = pick('customer');
  const date = pick('date');
  const amount = pick('amount');
  const quantity = pick('quantity');
  // Before the price, so that a "Cost price" column is not read as the selling price. A line
  // cost wins over a unit cost; a unit cost needs a quantity to make a line's cost.
  const cost = pick('cost');
  const unitCost = cost === null && quantity !== null ? pick('unitCost') : null;
  const price = amount === null ? pick('price') : null;
  const order = pick('order');
  const category = pick('category');
  const channel = pick('channel');
  const product = pick('product');
  return { customer: customer ?? -1, date: date ?? -1, order, amount, quantity, price, product, category, channel, cost, unitCost };
}

/** What is missing for a mapping to be usable, in words; empty when it is complete. */
export function mappingProblems(mapping: Mapping, width: number): string[] {
  const problems: string[] = [];
  if (mapping.customer < 0 || mapping.customer >= width) problems.push('Choose the customer id column.');
  if (mapping.date < 0 || mapping.date >= width) problems.push('Choose the date column.');
  if (mapping.amount === null && (mapping.quantity === null || mapping.price === null)) {
    problems.push('Choose an amount column, or both a quantity and a unit price column.');
  }
  if (mapping.unitCost != null && mapping.quantity === null) problems.push('A unit cost needs a quantity column: choose one, or choose the line cost instead.');
  if (mapping.unitCost != null && mapping.cost != null) problems.push('Choose a line cost or a unit cost, not both.');
  const used = new Map<number, string>();
  for (const [role, index] of Object.entries(mapping)) {
    if (index === null || index === undefined || index < 0) continue;
    const other = used.get(index);
    if (other) problems.push(`One column cannot be both ${other} and ${role}.`);
    used.set(index, role);
  }
  return problems;
}

/**
 * Guesses which header column plays each role. Throws a {@link SegmentError} naming the
 * columns it saw when a required role (customer, date, and an amount or quantity and price)
 * cannot be found.
 */
export function guessMapping(header: readonly string[]): Mapping {
  const m = guessRoles(header);
  const seen = columnList(header);
  if (m.customer < 0) {
    throw new SegmentError({
      code: 'no-customer-column',
      message: `No customer id column found. Name one of the columns "Customer ID" (or Customer, Client ID, User ID). Columns in the file: ${seen}.`,
      row: 1,
    });
  }
  if (m.date < 0) {
    throw new SegmentError({
      code: 'no-date-column',
      message: `No date column found. Name one of the columns "Date" (or Order Date, Invoice Date). Columns in the file: ${seen}.`,
      row: 1,
    });
  }
  if (m.amount === null && (m.quantity === null || m.price === null)) {
    throw new SegmentError({
      code: 'no-amount-column',
      message: `No amount column found: name one column "Amount" (or Revenue, Sales, Total), or give both "Quantity" and "Unit Price". Columns in the file: ${seen}.`,
      row: 1,
    });
  }
  return m;
}

/** The first columns' names for a message, each cut short, with how many more there are. */
function columnList(header: readonly string[], max = 20): string {
  const shown = header.slice(0, max).map((h) => `"${clipText(h)}"`).join(', ');
  return header.length > max ? `${shown} and ${(header.length - max).toLocaleString('en-GB')} more` : shown;
}
