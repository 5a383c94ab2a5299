/**
 * Money is summed in whole ten-thousandths of the currency unit (a hundredth of a cent), as
 * integers: a sum of doubles leaves residues (0.1 + 0.2 - 0.3 is 5.6e-17, not 0), and a residue
 * breaks ties between customers whose revenue is equal, and shows up on axes and in exports.
 * Ten-thousandths keep currencies with three decimals (KWD, BHD) and line amounts such as
 * quantity × a unit price of 0.295 exact; a line amount with more decimals is rounded to the
 * nearest ten-thousandth (halves away from zero, so a purchase and its return cancel exactly).
 * Sums stay exact up to 2^53 ten-thousandths: about 900 billion in the currency.
 */
export const MONEY_UNITS = 10_000;

/** A line amount in whole ten-thousandths of the currency, for an exact sum. */
export function moneyUnits(amount: number): number {
  return amount < 0 ? -Math.round(-amount * MONEY_UNITS) : Math.round(amount * MONEY_UNITS);
}

/** A sum of {@link moneyUnits} back in the currency: the double nearest the exact decimal. */
export function fromMoneyUnits(units: number): number {
  return units / MONEY_UNITS;
}

/**
 * Net revenue per order (or per anything counted) as the double nearest the exact quotient:
 * back to whole units first (a revenue from {@link fromMoneyUnits} holds them exactly), then one
 * division. Dividing the revenue itself rounds twice, so 2617.47 / 6 came out as
 * 436.24499999999995 and was exported as 436.24 instead of 436.245 → 436.25, and equal
 * quotients (10 / 2, 15 / 3 of other sums) could differ in the last bit and split a tie. The SQL
 * export divides the same way.
 */
export function moneyPer(revenue: number, count: number): number {
  return moneyUnits(revenue) / (MONEY_UNITS * count);
}
