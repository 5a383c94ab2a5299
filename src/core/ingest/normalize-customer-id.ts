const FLOAT_ID = /^(\d+)\.0+$/;

/**
 * Trims a customer id and undoes the float formatting spreadsheets and pandas give integer ids
 * ("17850.0" becomes "17850"), so the same customer is one customer across exports.
 * Returns "" for a missing id.
 */
export function normalizeCustomerId(text: string): string {
  const s = text.trim();
  const m = FLOAT_ID.exec(s);
  return m ? m[1] : s;
}
