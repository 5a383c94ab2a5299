import type { Problem } from '../errors.ts';

/**
 * What an import costs in memory, measured with the benchmark (`npm run bench -- --rows N
 * --load-only`, Chromium, the page and every worker together, from the file chosen until the
 * transactions read are saved with the session). The figures are the peak above the app open with
 * no file: `fixedBytes` plus `perFileByte` for every byte of a delimited text file.
 * README, "Very large files", gives the runs these come from.
 */
export const IMPORT_MEMORY_COST = {
  /**
   * Peak bytes per byte of CSV text: the slope between the bench's 1M-row file (54.5 MB, peak
   * 259-272 MiB above the app's own) and its 10M-row file (564.7 MB, 1,501-1,516 MiB above), the
   * highest of each, rounded up.
   */
  perFileByte: 2.6,
  /** What any import costs whatever its size (the line through those two points at 0 bytes). */
  fixedBytes: 145e6,
} as const;

/**
 * The share of the device's memory one tab can count on. The browser reports the device's memory
 * only (`navigator.deviceMemory`, coarse and capped at 8 GiB in Chromium); the system, the
 * browser itself and other tabs take the rest. Half is a judgement, not a measurement.
 */
export const TAB_SHARE_OF_DEVICE = 0.5;

/**
 * Formats whose size says little about the rows inside (compressed or columnar): for these the
 * cost per byte of text does not apply, so they are never refused on their size.
 */
const NOT_TEXT = /\.(gz|xlsx|xlsm|xls|ods|parquet|arrow|arrows|feather)$/i;

/** The memory the import of a text file of `fileBytes` bytes is estimated to take, in bytes. */
export function importMemoryNeed(fileBytes: number): number {
  return IMPORT_MEMORY_COST.fixedBytes + IMPORT_MEMORY_COST.perFileByte * fileBytes;
}

/** What a tab can count on for an import on a device reporting `deviceMemoryGiB`; null when unknown. */
export function importMemoryAvailable(deviceMemoryGiB: number | undefined | null): number | null {
  if (typeof deviceMemoryGiB !== 'number' || !Number.isFinite(deviceMemoryGiB) || deviceMemoryGiB <= 0) return null;
  return deviceMemoryGiB * 1024 ** 3 * TAB_SHARE_OF_DEVICE;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;
const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;
const size = (bytes: number): string => (bytes >= 1e9 ? gb(bytes) : mb(bytes));

/**
 * Decides before a file is read whether this browser can hold its import: a problem
 * (`too-large-for-memory`) saying why and what to do when the estimate exceeds what the device
 * reports, null otherwise. A browser that reports nothing (Firefox, Safari) is never refused: a
 * refusal of a file the machine could load would be worse than trying.
 */
export function importMemoryProblem(fileName: string, fileBytes: number, deviceMemoryGiB: number | undefined | null): Problem | null {
  if (NOT_TEXT.test(fileName)) return null;
  const available = importMemoryAvailable(deviceMemoryGiB);
  if (available === null) return null;
  const need = importMemoryNeed(fileBytes);
  if (need <= available) return null;
  return {
    code: 'too-large-for-memory',
    message:
      `"${fileName}" is ${size(fileBytes)}. Reading it takes about ${size(need)} of memory in this browser ` +
      `(measured: ${IMPORT_MEMORY_COST.perFileByte} bytes for each byte of the file, plus ${mb(IMPORT_MEMORY_COST.fixedBytes)}), ` +
      `and this device reports about ${deviceMemoryGiB} GB, of which a tab can count on about ${size(available)}. ` +
      `It was not read, so the tab does not run out of memory. To analyse it, split the file by date (for instance one file per year), ` +
      `export only the columns the analysis uses (customer, date, amount, order), or open it on a machine with more memory.`,
  };
}
