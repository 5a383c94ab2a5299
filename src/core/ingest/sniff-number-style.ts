import { CsvTokenizer } from './csv-tokenizer.ts';
import { COMMA_DECIMAL as COMMA, POINT_DECIMAL as POINT, type NumberStyle } from './bytes/parse-number-bytes.ts';

/**
 * Decides the decimal mark from the values of one numeric column in the first part of a file.
 * A value with both marks settles it (the last one is the decimal mark: "1.234,56"). A comma
 * followed by other than exactly three digits ("12,5") is a decimal comma. "1,234" alone could
 * be either: it reads as a thousands separator, unless the file is semicolon-separated, the
 * convention of spreadsheets in decimal-comma locales.
 */
export function sniffNumberStyle(sample: string, delimiter: string, column: number): NumberStyle {
  let comma = 0;
  let point = 0;
  let ambiguousComma = 0;
  let first = true;
  const t = new CsvTokenizer(delimiter, (fields) => {
    if (first) {
      first = false;
      return;
    }
    const v = (fields[column] ?? '').trim();
    const lastComma = v.lastIndexOf(',');
    const lastPoint = v.lastIndexOf('.');
    if (lastComma >= 0 && lastPoint >= 0) {
      if (lastComma > lastPoint) comma++;
      else point++;
    } else if (lastComma >= 0) {
      const after = v.slice(lastComma + 1).replace(/[^0-9]/g, '').length;
      if (after === 3 && /^[^,]*\d{1,3}(,\d{3})+\D*$/.test(v)) ambiguousComma++;
      else comma++;
    } else if (lastPoint >= 0) {
      const after = v.slice(lastPoint + 1).replace(/[^0-9]/g, '').length;
      // "1.234" alone is a thousands point only in decimal-comma files; count it as neutral.
      if (after !== 3) point++;
    }
  });
  // The last line of a sample may be cut short; it is only a hint, so it does no harm.
  t.push(sample);
  t.finish();
  if (comma > point) return COMMA;
  if (point > 0) return POINT;
  if (ambiguousComma > 0 && delimiter === ';') return COMMA;
  return POINT;
}
