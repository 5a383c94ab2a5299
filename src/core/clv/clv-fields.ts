import type { ClvColumns } from './lifetime-value.ts';

/** The per-customer lifetime-value figures the segment model offers to rules, axes, colours and the export. */
export interface ClvFields extends ClvColumns {
  tierNames: string[];
}

/** Ids, labels and definitions of the number fields (also the README's). */
export const CLV_NUMBER_FIELDS = [
  { id: 'pAlive', label: 'P(alive)', unit: 'share', definition: 'Probability the customer is still buying, from the purchase model (BG/NBD or Pareto/NBD) fitted on all purchases.' },
  { id: 'expectedOrders', label: 'Expected purchases', unit: 'orders', definition: 'Purchase days the purchase model expects from the customer in the horizon (the lifetime value settings).' },
  { id: 'expectedAov', label: 'Expected value per purchase', unit: 'money', definition: 'Gamma-Gamma\'s expected net revenue per purchase day: the customer\'s own mean pulled toward the population mean (the population mean for customers without a repeat purchase).' },
  { id: 'clv', label: 'Predicted CLV', unit: 'money', definition: 'Margin × expected value per purchase × expected purchases in the horizon, discounted monthly at the annual rate. The margin is the cost column\'s (total gross margin ÷ total net revenue) when the file has one, else the margin setting.' },
  { id: 'valueToDate', label: 'Value to date', unit: 'money', definition: 'Gross margin − acquisition cost.' },
  { id: 'grossMargin', label: 'Gross margin', unit: 'money', definition: 'Net revenue − the cost of the goods (the cost column, returns netted) when the file has one; else net revenue × the margin setting.' },
] as const;
